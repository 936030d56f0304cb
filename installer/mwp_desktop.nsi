; MWP Desktop setup: installs for the current user only, without administrator rights.
;
;   makensis -DVERSION=0.1.0 -DFILE_VERSION=0.1.0.0 -DDIST=dist\mwp-desktop -DOUTFILE=MWP-Desktop-0.1.0-setup.exe installer\mwp_desktop.nsi
;
; DIST is the folder PyInstaller made from installer/mwp_desktop.spec. The program goes to
; %LOCALAPPDATA%\Programs\MWP Desktop; the office's records stay in the data folder
; %LOCALAPPDATA%\LEWAF\MWP Desktop (mwp_desktop/paths.py), which neither an upgrade nor an
; uninstall touches unless the user ticks "Also remove my data" when uninstalling.
; Optional: -DEXE=name of the windowed program in DIST (installer/check_build.py compiles this
; script against the Linux build, whose programs have no .exe), -DNOCOMPRESS for a quick build.
; makensis works in this script's folder: give DIST and OUTFILE as full paths (build.py does).

Unicode true
; PySide6 6.11 is 64-bit only: the setup is a 64-bit program too, so that it runs on the same PCs
; as the program and writes the registry and folders that 64-bit Windows programs see.
Target amd64-unicode
RequestExecutionLevel user
ManifestDPIAware true
; A file that cannot be written (held open by an antivirus scan) stops the setup with a message
; instead of being skipped silently, which left the old file beside the new version.
AllowSkipFiles off

!ifndef VERSION
  !error "Give the program's version: makensis -DVERSION=X.Y.Z ..."
!endif
!ifndef FILE_VERSION
  !error "Give the version as four numbers: makensis -DFILE_VERSION=X.Y.Z.N ... (installer/setup_script.py)"
!endif
!ifndef DIST
  !error "Give the PyInstaller folder: makensis -DDIST=dist\mwp-desktop ..."
!endif
!ifndef OUTFILE
  !define OUTFILE "MWP-Desktop-${VERSION}-setup.exe"
!endif
!ifndef EXE
  !define EXE "mwp-desktop.exe"
!endif
!if ! /FileExists "${DIST}/${EXE}"
  !error "${DIST} does not hold ${EXE}: build it first (installer/build.py)"
!endif

!define APP_NAME "MWP Desktop"
!define PUBLISHER "Lady Ellen Women's Aid Foundation (LEWAF)"
!define APP_EXE "mwp-desktop.exe"
!define CLI_EXE "mwp-desktop-cli.exe"
!define UNINSTALLER "uninstall.exe"
; Apps & features reads per-user programs from HKCU; no administrator needed to write there.
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\MWP Desktop"
; The setup's own note of where it installed (the program keeps its settings in the data folder).
!define SETTINGS_KEY "Software\LEWAF\MWP Desktop\Setup"
; platformdirs.user_data_dir("MWP Desktop", "LEWAF", roaming=False) on Windows.
!define DATA_PARENT "$LOCALAPPDATA\LEWAF"
!define DATA_DIR "${DATA_PARENT}\MWP Desktop"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
; An upgrade goes where the previous version was installed.
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
!ifdef NOCOMPRESS
  SetCompress off  ; a quick compile that only checks the script (installer/check_build.py)
  CRCCheck off     ; and runs it under Wine, where checking 300 MB took ~10 s on every start
!else
  SetCompressor /SOLID lzma
!endif
BrandingText "${APP_NAME} ${VERSION}"

; -DSIGN_COMMAND=...: signs the uninstaller as it is written and the finished setup (build.py
; passes installer/signing.py when a certificate is given); a failed signature fails the build.
!ifdef SIGN_COMMAND
  !uninstfinalize '${SIGN_COMMAND} "%1"' = 0
  !finalize '${SIGN_COMMAND} "%1"' = 0
!endif

; Windows wants exactly four numbers here; installer/setup_script.py derives them from VERSION
; (0.1.0 -> 0.1.0.0, 1.0 -> 1.0.0.0, 0.2.0rc1 -> 0.2.0.301).
VIProductVersion "${FILE_VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT licence"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

; Where an install or uninstall that was refused says why when no one sees a message box (a silent
; run by IT staff): %TEMP%\MWP Desktop setup.log, as UTF-16 text that Notepad opens.
!define NOTE_FOR_IT "$TEMP\${APP_NAME} setup.log"

!define MUI_ICON "mwp.ico"
!define MUI_UNICON "mwp.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

!define MUI_WELCOMEPAGE_TEXT "This installs ${APP_NAME} ${VERSION} for you on this computer. You do not need administrator rights.$\r$\n$\r$\nIf an older version is installed, it is replaced; your records are kept.$\r$\n$\r$\nPlease close ${APP_NAME} before you continue."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP_NAME} now"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCOMPONENTSPAGE_TEXT_TOP "${APP_NAME} will be removed from this computer. Your records, backups and logs in ${DATA_DIR} are kept unless you tick $\"Also remove my data$\"."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Var PreviousDir  ; where an earlier version is installed, if anywhere
Var InUse        ; a file of the installed program that cannot be replaced

; Stops with exit code 2, saying why in NOTE_FOR_IT when silent (no one sees a message box then).
!macro STOP MESSAGE
  ${If} ${Silent}
    FileOpen $9 "${NOTE_FOR_IT}" a
    FileSeek $9 0 END
    FileWriteUTF16LE /BOM $9 "${MESSAGE}$\r$\n"
    FileClose $9
  ${EndIf}
  SetErrorLevel 2
  Abort "${MESSAGE}"
!macroend

; The same, telling the user first.
!macro REFUSE MESSAGE
  MessageBox MB_OK|MB_ICONSTOP "${MESSAGE}" /SD IDOK
  !insertmacro STOP "${MESSAGE}"
!macroend

; Files are replaced in place; refuse while the program is running rather than leave a mix of
; two versions. A running .exe can be renamed but not opened for writing, so that is the test.
!macro CLOSE_PROGRAM_FIRST
  retry:
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
  ${OrIf} ${FileExists} "$INSTDIR\${CLI_EXE}"
    ClearErrors
    ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
      FileOpen $0 "$INSTDIR\${APP_EXE}" a
      FileClose $0
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\${CLI_EXE}"
      FileOpen $0 "$INSTDIR\${CLI_EXE}" a
      FileClose $0
    ${EndIf}
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} is open. Close it (save your work first), then press Retry." /SD IDCANCEL IDRETRY retry
      !insertmacro STOP "${APP_NAME} is open in $INSTDIR: close it and run this again. Nothing was changed."
    ${EndIf}
  ${EndIf}
!macroend

; Before anything is removed: every file of the installed program can be replaced. A file held
; open without sharing (an antivirus scan) would otherwise stop the copy half-way, leaving some
; old libraries deleted: better to change nothing and say so.
!macro EVERY_FILE_REPLACEABLE
  retry_in_use:
  StrCpy $InUse ""
  ${If} ${FileExists} "$INSTDIR\_internal\*.*"
    ${Locate} "$INSTDIR\_internal" "/L=F" FindFileInUse
  ${EndIf}
  ${If} $InUse != ""
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$InUse is in use by another program (often an antivirus scan), so ${APP_NAME} cannot be upgraded now. Nothing was changed.$\r$\n$\r$\nWait a minute, then press Retry." /SD IDCANCEL IDRETRY retry_in_use
    !insertmacro STOP "$InUse is in use by another program (often an antivirus scan): run this again later. Nothing was changed."
  ${EndIf}
!macroend

Function FindFileInUse  ; called by Locate for each file: $R9 is its full path
  ClearErrors
  FileOpen $0 "$R9" a
  ${If} ${Errors}
    StrCpy $InUse "$R9"
    Push "StopLocate"
    Return
  ${EndIf}
  FileClose $0
  Push "continue"
FunctionEnd

; An upgrade into another folder: the old copy is removed by its own uninstaller, run silently
; where it is (_?=, so that this waits for it); if that fails nothing is installed, rather than
; two copies with two uninstallers.
!macro REMOVE_COPY_IN_ANOTHER_FOLDER
  ${If} $PreviousDir != ""
  ${AndIf} $PreviousDir != $INSTDIR
  ${AndIf} ${FileExists} "$PreviousDir\${UNINSTALLER}"
    DetailPrint "Removing the previous version from $PreviousDir"
    ClearErrors
    ExecWait '"$PreviousDir\${UNINSTALLER}" /S _?=$PreviousDir' $0
    ${If} ${Errors}
    ${OrIf} $0 <> 0
      !insertmacro REFUSE "The previous version in $PreviousDir could not be removed (its uninstaller ended with code $0; is ${APP_NAME} open?). Nothing was installed."
    ${EndIf}
    Delete "$PreviousDir\${UNINSTALLER}"  ; run in place, it cannot delete itself
    RMDir "$PreviousDir"
  ${EndIf}
!macroend

Section "${APP_NAME}" SecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro CLOSE_PROGRAM_FIRST
  !insertmacro EVERY_FILE_REPLACEABLE
  !insertmacro REMOVE_COPY_IN_ANOTHER_FOLDER
  SetOutPath "$INSTDIR"
  ; An upgrade removes the old libraries first, so no file of the old version lingers. Only our
  ; own folder and files: the data folder is elsewhere and is never touched here.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${CLI_EXE}"
  ClearErrors
  File /r "${DIST}/*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  ${If} ${Errors}  ; AllowSkipFiles off stops at a file; this catches the uninstaller too
    !insertmacro REFUSE "${APP_NAME} could not write all its files in $INSTDIR. Run this again; if it fails again, restart the computer first."
  ${EndIf}

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "Records for the Men and Women in Partnership program"

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Desktop shortcut" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    !insertmacro REFUSE "${APP_NAME} needs 64-bit Windows 10 or newer; on this computer it could not start. Nothing was installed."
  ${EndIf}
  ReadRegStr $PreviousDir HKCU "${SETTINGS_KEY}" "InstallDir"
  ; /NODESKTOP: no desktop shortcut (for IT staff installing silently).
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------- uninstaller

Section "un.${APP_NAME} (the program)" UnSecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro CLOSE_PROGRAM_FIRST
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; Only what the setup put there, never a recursive delete of $INSTDIR itself: the user may have
  ; chosen a folder that holds other files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
  DeleteRegKey /ifempty HKCU "Software\LEWAF\MWP Desktop"
  DeleteRegKey /ifempty HKCU "Software\LEWAF"
SectionEnd

; Unticked by default (/o): uninstalling keeps the records, backups and logs, also when silent.
Section /o "un.Also remove my data" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Delete all MWP Desktop records, backups and logs in$\r$\n${DATA_DIR}?$\r$\n$\r$\nThis cannot be undone." /SD IDNO IDYES remove
  DetailPrint "Your data was kept in ${DATA_DIR}."
  Goto done
  remove:
  RMDir /r "${DATA_DIR}"
  RMDir "${DATA_PARENT}"
  done:
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd
