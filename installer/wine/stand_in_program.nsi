; A tiny Windows program for installer/wine_check.py, which runs the setup under Wine with the
; Linux build as its payload (a Linux program cannot run there). It stands in for
;   the program left open (as mwp-desktop.exe): it runs while the file STAND_IN_WHILE exists;
;   an antivirus scanning a file: with STAND_IN_HOLD set, it also keeps that file open meanwhile
;   (others may read it, not write or delete it). Exit code 4 when that file cannot be opened.
; Once it holds the file (or runs), it deletes the file STAND_IN_STARTED: Wine may take seconds
; to start a program, and the check must not go on before.
; It also runs a command line exactly as written, as IT staff or Explorer would, and ends with its
; exit code: with STAND_IN_RUN set, nothing else. (`wine program args…` quotes every argument that
; holds a space, and a quoted "/D=…" or "_?=…" is not what the setup reads.)
; Told through the environment, which Wine passes on as it is.

Unicode true
Target amd64-unicode
RequestExecutionLevel user
SilentInstall silent
OutFile "${OUTFILE}"
!include "LogicLib.nsh"

Section
  ReadEnvStr $R3 STAND_IN_RUN
  ${If} $R3 != ""
    ClearErrors
    ExecWait $R3 $0
    ${If} ${Errors}
      StrCpy $0 5
    ${EndIf}
    SetErrorLevel $0
    Quit
  ${EndIf}
  ReadEnvStr $R0 STAND_IN_HOLD
  ${If} $R0 != ""
    ClearErrors
    FileOpen $0 "$R0" r
    ${If} ${Errors}
      SetErrorLevel 4
      Quit
    ${EndIf}
  ${EndIf}
  ReadEnvStr $R2 STAND_IN_STARTED
  Delete "$R2"
  ReadEnvStr $R1 STAND_IN_WHILE
  ${DoWhile} ${FileExists} "$R1"
    Sleep 100
  ${Loop}
SectionEnd
