#!/usr/bin/env python3
"""Build the Windows program and its setup from a fresh checkout.

    py installer\\build.py             (Windows: dist\\MWP-Desktop-X.Y.Z-setup.exe)
    python3 installer/build.py        (elsewhere: only the frozen folder, to try it out; a setup
                                       of Linux programs would be no use, and installer/
                                       check_build.py already compiles the script in CI)

1. makes .venv and installs the program with the `build` extra (PyInstaller), as tasks.py does;
2. freezes it with installer/mwp_desktop.spec into dist/mwp-desktop;
3. runs makensis on installer/mwp_desktop.nsi with the package's version.

Only the standard library is imported at the top: this runs before the venv exists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import tasks  # noqa: E402  (the same venv set-up as `tasks.py test`)
from installer import setup_script, signing  # noqa: E402

SPEC = ROOT / "installer" / "mwp_desktop.spec"
NSI = ROOT / "installer" / "mwp_desktop.nsi"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
FOLDER = DIST / "mwp-desktop"
# Where the NSIS installer puts makensis when it is not on PATH.
NSIS_FOLDERS = (r"C:\Program Files (x86)\NSIS", r"C:\Program Files\NSIS")


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for folder in NSIS_FOLDERS:
        candidate = Path(folder) / "makensis.exe"
        if candidate.is_file():
            return str(candidate)
    return None


def folder_megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def freeze() -> None:
    tasks.step("freezing the program (PyInstaller, a few minutes)")
    started = time.monotonic()
    tasks.run(
        tasks.PYTHON, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", WORK, SPEC,
    )  # fmt: skip
    print(
        f"    {FOLDER} ({folder_megabytes(FOLDER):.0f} MB) in {time.monotonic() - started:.0f} s",
        flush=True,
    )


def make_setup(version: str) -> Path:
    makensis = find_makensis()
    if makensis is None:
        sys.exit("makensis was not found: install NSIS (winget install NSIS.NSIS) and run again.")
    setup = DIST / f"MWP-Desktop-{version}-setup.exe"
    options = setup_script.defines(version, FOLDER, setup)
    if signing.wanted():
        tasks.step("signing the programs (signtool)")
        try:
            signing.sign([FOLDER / "mwp-desktop.exe", FOLDER / "mwp-desktop-cli.exe"])
        except signing.SigningError as exc:
            sys.exit(str(exc))
        # makensis signs the uninstaller it writes and the setup through the same script.
        options.append(f'-DSIGN_COMMAND="{sys.executable}" "{Path(signing.__file__).resolve()}"')
    else:
        print("note: not signed (no MWP_SIGN_PFX): see installer/README.md, 'Signing'.")
    tasks.step(f"making the setup {setup.name} (NSIS)")
    result = subprocess.run([makensis, "-V2", *options, NSI])
    if result.returncode != 0:
        sys.exit(
            "makensis failed. If it says it has no amd64-unicode stub, this NSIS makes only 32-bit "
            "setups: install the amd64 build of https://github.com/negrutiu/nsis (installer/README.md)."
        )
    print(f"    {setup} ({setup.stat().st_size / 1e6:.0f} MB)", flush=True)
    return setup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-setup", action="store_true", help="freeze only, skip makensis")
    args = parser.parse_args()
    os.chdir(ROOT)
    version = setup_script.package_version()
    try:  # a version the setup cannot carry stops here, before minutes of freezing
        setup_script.file_version(version)
    except ValueError as exc:
        sys.exit(str(exc))
    tasks.ensure_venv("build")
    freeze()
    if args.no_setup:
        return 0
    if not tasks.WINDOWS:
        print("note: the setup is made on Windows; this folder is for trying the program here.")
        return 0
    make_setup(version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
