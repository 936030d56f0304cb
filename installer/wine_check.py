#!/usr/bin/env python3
"""The compiled 64-bit setup, run under Wine on Linux: what installing, upgrading and uninstalling
do on an office PC, checked in CI where nobody has Windows.

    python3 installer/wine_check.py [--payload FOLDER] [--keep DIR]

installer/check_build.py runs this with its frozen Linux folder as the payload; without
--payload a small stand-in folder is used (seconds, for working on the .nsi script). Under a
fresh Wine profile named José (Debian's wine64, installed when missing, as nsis is):

 1. silent install into the default folder (non-ASCII: the profile's name), the Uninstall
    registry values and both shortcuts;
 2. an upgrade over itself (nothing of the old version left);
 3. an upgrade while a file of the program is held open (an antivirus scan): must fail with a
    non-zero exit code, the old version still registered and whole;
 4. an upgrade and an uninstall while the program runs: refused;
 5. an upgrade into another folder (non-ASCII name) whose old uninstaller fails: refused; then
    one that works: the old copy and its uninstaller are gone;
 6. a silent uninstall with `_?=`: registry key and shortcuts gone, the data folder kept;
 7. /NODESKTOP: no desktop shortcut;
 8. refusal on Windows 7 (Wine told to be Windows 7), with the reason written for IT staff.

A Linux program cannot run under Wine, so mwp-desktop.exe in the payload is a stand-in Windows
program (installer/wine/stand_in_program.nsi) that stays open while told to: the installer's
logic is what is checked here. Only the standard library is imported: this runs before the venv.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import tasks  # noqa: E402  (the same Debian set-up as `tasks.py test`)
from installer import setup_script  # noqa: E402

STAND_IN = ROOT / "installer" / "wine" / "stand_in_program.nsi"
OLD, NEW = "0.1.0", "0.1.1"
PROFILE = "José"
APP = "MWP Desktop"
UNINSTALL_KEY = rf"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP}"
STEP_TIMEOUT = 300  # seconds; a setup waiting on a dialog nobody can see must fail, not hang
# The folder the second upgrade moves the program to.
OTHER_FOLDER = rf"C:\users\{PROFILE}\Ŋgɔ programs\{APP}"
DEBIAN_PACKAGES = ("wine", "wine64", "nsis")


class Wine:
    """One throwaway Wine profile, as a user named José on 64-bit Windows 10."""

    def __init__(self, work: Path) -> None:
        self.prefix = work / "wine-prefix"
        self.home = work / "home"  # Wine links a profile's Desktop to $HOME's: keep it here
        self.home.mkdir(parents=True, exist_ok=True)
        self.env = dict(
            os.environ,
            WINEPREFIX=str(self.prefix),
            WINEDEBUG="-all",
            # No Mono or Gecko download prompts, no Linux menu entries for the shortcuts.
            WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
            USER=PROFILE,
            LOGNAME=PROFILE,
            HOME=str(self.home),
        )
        self.env.pop("DISPLAY", None)  # silent setups draw nothing; no window may wait for a click
        self.wine = wine_command()
        self.run_windows(["wineboot", "--init"])
        self.set_windows_version("win10")  # Debian's Wine 8 says Windows 7 unless told

    def run_windows(self, command: list[str], timeout: int = STEP_TIMEOUT, **env: str) -> int:
        result = subprocess.run(
            [self.wine, *command],
            env={**self.env, **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
        return result.returncode

    def start_windows(self, command: list[str], **env: str) -> subprocess.Popen:
        return subprocess.Popen(
            [self.wine, *command],
            env={**self.env, **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def unix(self, windows_path: str) -> Path:
        parts = PureWindowsPath(windows_path).parts
        drive = parts[0].rstrip("\\").rstrip(":").lower()
        return self.prefix / f"drive_{drive}" / Path(*parts[1:])

    def windows(self, unix_path: Path) -> str:
        """Z: is the whole Linux file system in Wine."""
        return "Z:" + str(unix_path.resolve()).replace("/", "\\")

    def registry(self, key: str) -> dict[str, str] | None:
        """The values of a registry key (strings as they are, DWORDs as decimal text), or None
        when the key does not exist."""
        exported = self.home / "exported.reg"
        exported.unlink(missing_ok=True)
        if self.run_windows(["reg", "export", key, self.windows(exported), "/y"]) != 0:
            return None
        text = exported.read_bytes().decode("utf-16").replace("\r\n", "\n")
        values: dict[str, str] = {}
        for name, value in re.findall(r'^"((?:[^"\\]|\\.)*)"=(.*)$', text, re.M):
            if value.startswith("dword:"):
                values[name] = str(int(value[6:], 16))
            else:
                values[name] = re.sub(r"\\(.)", r"\1", value[1:-1])
        return values

    def set_windows_version(self, version: str) -> None:
        """What Windows programs are told they run on: win7, win10 … (as winecfg sets it)."""
        key = r"HKCU\Software\Wine"
        self.run_windows(["reg", "add", key, "/v", "Version", "/d", version, "/f"])

    def stop(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, check=False, capture_output=True)


def wine_command() -> str:
    for name in ("wine", "wine64"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/lib/wine/wine64").is_file():
        return "/usr/lib/wine/wine64"
    sys.exit("Wine is missing: install it (Debian/Ubuntu: apt-get install wine wine64).")


def makensis() -> str:
    found = shutil.which("makensis")
    if not found:
        sys.exit("makensis is missing: install NSIS (Debian/Ubuntu: apt-get install nsis).")
    return found


def compile_nsis(arguments: list[str], script: Path) -> None:
    result = subprocess.run(
        [makensis(), "-V2", "-WX", *arguments, str(script)],
        capture_output=True, text=True, timeout=STEP_TIMEOUT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"makensis failed on {script.name}:\n{(result.stdout + result.stderr)[-3000:]}")


def stage_payload(payload: Path | None, stand_in: Path, folder: Path, only_old: bool) -> Path:
    """A folder shaped as the Windows build: _internal and the two programs. From the Linux
    build, linked rather than copied (hundreds of MB); the windowed program is the stand-in."""
    if payload is None:
        internal = folder / "_internal"
        (internal / "mwp_desktop" / "resources").mkdir(parents=True)
        (internal / "mwp_desktop" / "resources" / "style.qss").write_text("QWidget {}\n")
        (internal / "python311.dll").write_bytes(b"MZ" + bytes(4096))
        shutil.copyfile(stand_in, folder / "mwp-desktop-cli.exe")
    else:
        shutil.copytree(payload, folder, copy_function=_link_or_copy, symlinks=True)
        (folder / "mwp-desktop").unlink(missing_ok=True)
        if (folder / "mwp-desktop-cli").exists():
            (folder / "mwp-desktop-cli").rename(folder / "mwp-desktop-cli.exe")
    shutil.copyfile(stand_in, folder / "mwp-desktop.exe")
    if only_old:  # a file the next version no longer has: an upgrade must not leave it behind
        (folder / "_internal" / f"left-by-{OLD}.txt").write_text("old\n")
    return folder


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def program_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


class Office:
    """The PC under test: the Wine profile, the setups, and where things land."""

    def __init__(self, wine: Wine, setups: dict[str, Path], stand_in: Path) -> None:
        self.wine = wine
        self.setups = setups
        self.stand_in = stand_in
        profile = rf"C:\users\{PROFILE}"
        self.default_folder = rf"{profile}\AppData\Local\Programs\{APP}"
        self.data = wine.unix(rf"{profile}\AppData\Local\LEWAF\{APP}")
        self.start_menu = wine.unix(
            rf"{profile}\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\{APP}.lnk"
        )
        self.desktop = wine.unix(rf"{profile}\Desktop\{APP}.lnk")
        self.note_for_it = wine.unix(rf"{profile}\Temp\{APP} setup.log")  # Wine's %TEMP%

    def setup(self, version: str, *switches: str) -> int:
        setup = self.wine.windows(self.setups[version])
        return self.command_line(" ".join([f'"{setup}"', "/S", *switches]))

    def uninstall(self, folder: str) -> int:
        # _?= runs the uninstaller where it is, so that this waits for it (see the README).
        return self.command_line(f'"{folder}\\uninstall.exe" /S _?={folder}')

    def command_line(self, line: str) -> int:
        """Runs `line` as Windows would, unquoted /D= and _?= included; its exit code."""
        started = time.monotonic()
        code = self.wine.run_windows([str(self.stand_in)], STAND_IN_RUN=line)
        print(f"    {line} -> exit {code} ({time.monotonic() - started:.1f} s)", flush=True)
        return code

    def note(self) -> str:
        """What refused runs wrote for IT staff (%TEMP%\\MWP Desktop setup.log)."""
        if not self.note_for_it.exists():
            return ""
        return self.note_for_it.read_bytes().decode("utf-16")

    def registered(self) -> dict[str, str] | None:
        return self.wine.registry(UNINSTALL_KEY)

    def version(self) -> str | None:
        values = self.registered()
        return values.get("DisplayVersion") if values else None

    def hold(self, windows_path: str, flag: Path) -> subprocess.Popen:
        """An antivirus holding a file open until `flag` is removed."""
        return self._stand_in([str(self.stand_in)], flag, STAND_IN_HOLD=windows_path)

    def run_program(self, folder: str, flag: Path) -> subprocess.Popen:
        """The installed (stand-in) program, open until `flag` is removed."""
        return self._stand_in([rf"{folder}\mwp-desktop.exe"], flag)

    def _stand_in(self, command: list[str], flag: Path, **env: str) -> subprocess.Popen:
        flag.touch()
        started = flag.with_name(flag.name + "-starting")
        started.touch()
        process = self.wine.start_windows(
            command,
            STAND_IN_WHILE=self.wine.windows(flag),
            STAND_IN_STARTED=self.wine.windows(started),
            **env,
        )
        deadline = time.monotonic() + 60
        while started.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if started.exists():
            sys.exit(f"the stand-in program did not start under Wine (exit {process.poll()})")
        return process


def release(process: subprocess.Popen, flag: Path) -> None:
    flag.unlink(missing_ok=True)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def check_installs(office: Office, checks, staged_new: Path) -> None:
    tasks.step(f"under Wine: a silent install of {OLD} for {PROFILE}")
    folder = office.default_folder
    installed = office.wine.unix(folder)
    office.data.mkdir(parents=True)
    (office.data / "mwp.sqlite3").write_text("the office's records\n")
    checks.expect(office.setup(OLD) == 0, "silent install exits 0")
    checks.expect((installed / "mwp-desktop.exe").is_file(), f"installed into {folder}")
    values = office.registered() or {}
    expected = {
        "DisplayName": APP,
        "DisplayVersion": OLD,
        "InstallLocation": folder,
        "UninstallString": rf'"{folder}\uninstall.exe"',
        "DisplayIcon": rf"{folder}\mwp-desktop.exe,0",
        "NoModify": "1",
    }
    wrong = {k: values.get(k) for k, v in expected.items() if values.get(k) != v}
    checks.expect(not wrong, f"the Uninstall registry values{f', wrong: {wrong}' if wrong else ''}")
    checks.expect("Publisher" in values and "QuietUninstallString" in values,
                  "Publisher and QuietUninstallString are registered")  # fmt: skip
    checks.expect(office.start_menu.is_file(), "a Start-menu shortcut")
    checks.expect(office.desktop.is_file(), "a desktop shortcut")
    checks.expect(_is_64_bit(installed / "uninstall.exe"), "the uninstaller is a 64-bit program")

    tasks.step(f"under Wine: an upgrade to {NEW} over it")
    checks.expect(office.setup(NEW) == 0, "silent upgrade exits 0")
    checks.expect(office.version() == NEW, f"{NEW} is registered")
    checks.expect(program_files(installed) - {"uninstall.exe"} == program_files(staged_new),
                  f"the folder holds exactly {NEW}'s files (nothing of {OLD} left)")  # fmt: skip


def check_refusals(office: Office, checks, work: Path) -> None:
    folder = office.default_folder
    installed = office.wine.unix(folder)
    before = program_files(installed)

    tasks.step("under Wine: an upgrade while an antivirus holds a file of the program open")
    held = max((p for p in before if p.startswith("_internal/")), default="_internal/missing")
    flag = work / "holding"
    holder = office.hold(rf"{folder}\{PureWindowsPath(held)}", flag)
    code = office.setup(OLD)
    release(holder, flag)
    checks.expect(code != 0, f"the upgrade fails (exit {code})")
    checks.expect(office.version() == NEW, f"{NEW} is still the version registered")
    checks.expect(program_files(installed) == before, f"{NEW}'s files are all still there")
    checks.expect(
        "is in use by another program" in office.note(), "the reason is written for IT staff"
    )

    tasks.step("under Wine: an upgrade and an uninstall while the program runs")
    program = office.run_program(folder, flag)
    upgrade = office.setup(OLD)
    uninstall = office.uninstall(folder)
    release(program, flag)
    checks.expect(upgrade != 0, f"the upgrade is refused (exit {upgrade})")
    checks.expect(uninstall != 0, f"the uninstall is refused (exit {uninstall})")
    checks.expect(office.version() == NEW and program_files(installed) == before,
                  f"{NEW} is still installed and registered")  # fmt: skip


def check_moves(office: Office, checks, work: Path) -> None:
    old_folder = office.default_folder
    old = office.wine.unix(old_folder)
    other = office.wine.unix(OTHER_FOLDER)

    tasks.step(f"under Wine: an upgrade into {OTHER_FOLDER} while the old copy is open")
    flag = work / "running"
    program = office.run_program(old_folder, flag)
    code = office.setup(NEW, f"/D={OTHER_FOLDER}")
    release(program, flag)
    checks.expect(code != 0, f"refused when the old uninstaller fails (exit {code})")
    checks.expect(not (other / "mwp-desktop.exe").exists(), "nothing installed in the new folder")
    registered = office.registered() or {}
    checks.expect(registered.get("InstallLocation") == old_folder and (old / "uninstall.exe").is_file(),
                  "the old copy is still installed and registered")  # fmt: skip

    tasks.step(f"under Wine: an upgrade into {OTHER_FOLDER}")
    checks.expect(office.setup(NEW, f"/D={OTHER_FOLDER}") == 0, "the upgrade exits 0")
    registered = office.registered() or {}
    checks.expect(registered.get("InstallLocation") == OTHER_FOLDER,
                  "the new folder is the one registered")  # fmt: skip
    checks.expect((other / "mwp-desktop.exe").is_file(), "the program is in the new folder")
    left = sorted(program_files(old)) if old.exists() else []
    checks.expect(not left, f"the old copy and its uninstaller are gone{f' (left: {left[:3]})' if left else ''}")  # fmt: skip


def check_uninstall(office: Office, checks) -> None:
    tasks.step("under Wine: a silent uninstall")
    folder = OTHER_FOLDER
    installed = office.wine.unix(folder)
    checks.expect(office.uninstall(folder) == 0, "uninstall.exe /S _?=FOLDER exits 0")
    checks.expect(office.registered() is None, "the Uninstall registry key is gone")
    checks.expect(not office.start_menu.exists() and not office.desktop.exists(),
                  "both shortcuts are gone")  # fmt: skip
    # With _?= the uninstaller runs from the folder and so cannot delete its own file.
    left = program_files(installed) - {"uninstall.exe"} if installed.exists() else set()
    checks.expect(not left, f"the program's files are gone{f' (left: {sorted(left)[:3]})' if left else ''}")  # fmt: skip
    checks.expect((office.data / "mwp.sqlite3").is_file(), "the data folder is kept")

    tasks.step("under Wine: /NODESKTOP")
    checks.expect(office.setup(NEW, "/NODESKTOP") == 0, "silent install with /NODESKTOP exits 0")
    checks.expect(office.start_menu.is_file() and not office.desktop.exists(),
                  "a Start-menu shortcut and no desktop shortcut")  # fmt: skip
    checks.expect(office.uninstall(office.default_folder) == 0, "and uninstalls")


def check_old_windows(office: Office, checks) -> None:
    tasks.step("under Wine: refused on Windows 7")
    office.wine.set_windows_version("win7")
    try:
        code = office.setup(NEW)
    finally:
        office.wine.set_windows_version("win10")
    checks.expect(code != 0, f"the setup refuses (exit {code})")
    checks.expect(office.registered() is None, "nothing is installed")
    checks.expect(
        "64-bit Windows 10" in office.note(), f"the reason is written to {office.note_for_it.name}"
    )


def _is_64_bit(program: Path) -> bool:
    """The PE header's machine field: x64 (0x8664)."""
    try:
        data = program.read_bytes()[:4096]
    except OSError:
        return False
    offset = int.from_bytes(data[0x3C:0x40], "little")
    return data[offset : offset + 4] == b"PE\0\0" and data[offset + 4 : offset + 6] == b"\x64\x86"


def run(payload: Path | None, work: Path, checks, script: Path = setup_script.NSI) -> None:
    """Every check above, recorded in `checks` (installer/check_build.py's Checks)."""
    started = time.monotonic()
    tasks.ensure_debian_packages(DEBIAN_PACKAGES)
    tasks.step("under Wine: compiling the 64-bit setups " + ", ".join((OLD, NEW)))
    stand_in = work / "stand-in.exe"
    compile_nsis([f"-DOUTFILE={stand_in}"], STAND_IN)
    setups = {}
    staged = {}
    for version in (OLD, NEW):
        staged[version] = stage_payload(
            payload, stand_in, work / f"payload-{version}", version == OLD
        )
        setups[version] = work / f"MWP-Desktop-{version}-setup.exe"
        compile_nsis(["-DNOCOMPRESS", *setup_script.defines(version, staged[version], setups[version])],
                     script)  # fmt: skip
    checks.expect(_is_64_bit(setups[NEW]), "the setup is a 64-bit program")
    wine = Wine(work)
    try:
        office = Office(wine, setups, stand_in)
        check_installs(office, checks, staged[NEW])
        check_refusals(office, checks, work)
        check_moves(office, checks, work)
        check_uninstall(office, checks)
        check_old_windows(office, checks)
    finally:
        wine.stop()
    print(f"  the Wine checks took {time.monotonic() - started:.0f} s", flush=True)


def main() -> int:
    from installer.check_build import Checks

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--payload", type=Path, help="a frozen folder (default: a stand-in)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--nsi", type=Path, default=setup_script.NSI,
                        help="another version of the script (in installer/, beside mwp.ico)")  # fmt: skip
    args = parser.parse_args()
    if tasks.WINDOWS:
        sys.exit("This runs the setup under Wine on Linux; on Windows, run the setup itself.")
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="mwp-wine-") as temporary:
        work = args.keep.resolve() if args.keep else Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        run(args.payload.resolve() if args.payload else None, work, checks, args.nsi.resolve())
    print(f"Wine: {checks.passed} passed, {len(checks.failed)} failed", flush=True)
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
