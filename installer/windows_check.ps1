# The built setup on a real Windows PC, as an office uses it: a silent install into a folder with a
# non-ASCII name, the installed program started without a screen (--version, demo, check, a
# screenshot), an upgrade over itself, and a silent uninstall that leaves no registry key and no
# shortcut behind and keeps the data folder. Every exit code is checked.
#
#   pwsh -File installer\windows_check.ps1 -Setup dist\MWP-Desktop-X.Y.Z-setup.exe -Version X.Y.Z -Evidence DIR
#
# .github/workflows/windows.yml runs it as a standard (non-administrator) user named José where
# the runner allows. Written in ASCII: Windows PowerShell would misread other letters in a file
# without a byte-order mark, so the non-ASCII names are made from their code points.

param(
    [Parameter(Mandatory = $true)] [string] $Setup,
    [Parameter(Mandatory = $true)] [string] $Version,
    [Parameter(Mandatory = $true)] [string] $Evidence
)

$ErrorActionPreference = "Stop"
$env:QT_QPA_PLATFORM = "offscreen"  # started headless: no one is at the runner's screen
$failures = New-Object System.Collections.Generic.List[string]
$folderName = "" + [char]0x014A + "g" + [char]0x0254 + " MWP"  # Ngo, in Krio letters
$folder = Join-Path $env:LOCALAPPDATA "Programs\$folderName"
$data = Join-Path $env:LOCALAPPDATA "LEWAF\MWP Desktop"
$database = Join-Path $data "demo.sqlite3"
$key = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\MWP Desktop"
$startMenu = Join-Path ([Environment]::GetFolderPath("Programs")) "MWP Desktop.lnk"
$desktop = Join-Path ([Environment]::GetFolderPath("Desktop")) "MWP Desktop.lnk"
New-Item -ItemType Directory -Force $Evidence | Out-Null

function Expect([bool] $ok, [string] $what) {
    if ($ok) { Write-Host "  ok   $what" } else { Write-Host "  FAIL $what"; $failures.Add($what) }
}

# Start-Process joins the arguments as written, so /D= and _?= stay last and unquoted, as the
# setup wants them. Returns the exit code; -PassThru is what makes one available.
function Invoke-Windows([string] $program, [string] $arguments) {
    $process = Start-Process -FilePath $program -ArgumentList $arguments -Wait -PassThru
    Write-Host "  $program $arguments -> exit $($process.ExitCode)"
    return $process.ExitCode
}

function Invoke-Cli([string[]] $arguments) {
    $output = & (Join-Path $folder "mwp-desktop-cli.exe") @arguments 2>&1 | Out-String
    Write-Host "  mwp-desktop-cli $($arguments -join ' ') -> exit $LASTEXITCODE"
    Write-Host ($output.Trim() -split "`n" | Select-Object -Last 5 | Out-String)
    return @{ Code = $LASTEXITCODE; Output = $output }
}

Write-Host "==> install as $env:USERNAME into $folder"
$isAdministrator = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole(
    [Security.Principal.WindowsBuiltInRole]::Administrator)
Write-Host "  administrator: $isAdministrator"
Expect ((Invoke-Windows $Setup "/S /D=$folder") -eq 0) "silent install exits 0"
Expect (Test-Path (Join-Path $folder "mwp-desktop.exe")) "the program is in $folder"
$values = Get-ItemProperty $key -ErrorAction SilentlyContinue
Expect ($null -ne $values -and $values.DisplayVersion -eq $Version) "version $Version is registered"
Expect ($null -ne $values -and $values.InstallLocation -eq $folder) "the folder is registered"
Expect ((Test-Path $startMenu) -and (Test-Path $desktop)) "Start-menu and desktop shortcuts"

Write-Host "==> the installed program, headless"
$result = Invoke-Cli @("--version")
Expect ($result.Code -eq 0 -and $result.Output.Trim() -eq "mwp-desktop $Version") "--version"
$result = Invoke-Cli @("demo", "--scale", "small", "--db", $database)
Expect ($result.Code -eq 0 -and (Test-Path $database)) "demo --scale small in the data folder"
$result = Invoke-Cli @("check", "--db", $database)
Expect ($result.Code -eq 0 -and $result.Output -match "OK") "check says OK"
$picture = Join-Path $Evidence "installed-groups.png"
$code = Invoke-Windows (Join-Path $folder "mwp-desktop.exe") "--db `"$database`" --panel groups --screenshot `"$picture`" --size 1366x768"
Expect ($code -eq 0 -and (Test-Path $picture) -and (Get-Item $picture).Length -gt 10000) "a screenshot of the installed program"

Write-Host "==> upgrade over itself"
Expect ((Invoke-Windows $Setup "/S") -eq 0) "silent upgrade exits 0"
$values = Get-ItemProperty $key -ErrorAction SilentlyContinue
Expect ($null -ne $values -and $values.InstallLocation -eq $folder) "still installed in $folder"
Expect (Test-Path (Join-Path $folder "mwp-desktop.exe")) "the program is still there"

Write-Host "==> silent uninstall"
Expect ((Invoke-Windows (Join-Path $folder "uninstall.exe") "/S _?=$folder") -eq 0) "uninstall.exe /S _?= exits 0"
Expect (-not (Test-Path $key)) "the Uninstall registry key is gone"
Expect (-not (Test-Path $startMenu) -and -not (Test-Path $desktop)) "both shortcuts are gone"
Expect (-not (Test-Path (Join-Path $folder "_internal")) -and -not (Test-Path (Join-Path $folder "mwp-desktop.exe"))) "the program's files are gone"
Expect (Test-Path $database) "the data folder is kept"

Write-Host "setup check: $($failures.Count) failed"
if ($failures.Count -gt 0) { exit 1 }
exit 0
