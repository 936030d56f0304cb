#!/usr/bin/env python3
"""Set up and run MWP Desktop from a fresh checkout, on Linux or Windows, with only Python 3.11+.

    python3 tasks.py demo     # make .venv, install, open the program on demo data
    python3 tasks.py test     # make .venv, install with test tools, run ruff and every test
    python3 tasks.py run ...  # make .venv, install, run mwp-desktop with these arguments

On Windows, type `py tasks.py demo` (or `py tasks.py test`) in the project folder.
Only the standard library is used here, because nothing else is installed yet.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if WINDOWS else "bin")
PYTHON = BIN / ("python.exe" if WINDOWS else "python")
# Libraries Qt needs to draw without a screen, the tools the tests use to read PDFs, and NSIS,
# with which tests/installer compiles the setup script.
DEBIAN_PACKAGES = (
    "libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "poppler-utils", "nsis",
)  # fmt: skip


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*command: object, env: dict | None = None) -> None:
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs before any venv exists
        sys.exit("MWP Desktop needs Python 3.11 or newer.")
    if not PYTHON.exists():
        step(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Reinstall only when the project's requirements changed since the last install.
    stamp = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    marker = VENV / ".mwp-installed"
    if marker.exists() and marker.read_text() == stamp:
        return
    step("installing MWP Desktop and its libraries")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", target)
    marker.write_text(stamp)


def ensure_debian_packages(packages: tuple[str, ...]) -> None:
    """On Debian/Ubuntu as root (CI), install what is missing; elsewhere only say what is."""
    if WINDOWS or not shutil.which("dpkg"):
        return
    missing = [
        p
        for p in packages
        if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0
    ]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"note: these Debian packages may be needed: {' '.join(missing)}")
        return
    step(f"installing Debian packages: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    run("apt-get", "install", "-y", "-qq", *missing, env=env)


def demo(args: list[str]) -> None:
    ensure_venv("")
    run(BIN / "mwp-desktop", "--demo", *args)


def launch(args: list[str]) -> None:
    ensure_venv("")
    run(BIN / "mwp-desktop", *args)


def test(args: list[str]) -> None:
    ensure_venv("test")
    ensure_debian_packages(DEBIAN_PACKAGES)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    step("ruff check")
    run(BIN / "ruff", "check", ".")
    step("tests")
    run(PYTHON, "-m", "pytest", "-q", *args, env=env)
    if not args:
        step("slow checks (the power-cut test: a recording process killed 50 times)")
        run(PYTHON, "-m", "pytest", "-q", "-m", "slow", env=env)
        postgres_tests(env)
        step("benchmark smoke run: every budget line on the small demo database")
        run(PYTHON, "benchmarks/run.py", "--quick", env=env)


def postgres_tests(env: dict) -> None:
    """The service and migration tests again, on a throwaway PostgreSQL server (tests/pg_server.py)."""
    server = subprocess.run(
        [PYTHON, "tests/pg_server.py", "start"], cwd=ROOT, capture_output=True, text=True
    )
    if server.returncode != 0:
        if os.environ.get("CI"):  # CI must prove the shared-office database works
            sys.exit(f"PostgreSQL could not be started: {server.stderr.strip()}")
        print(f"note: no PostgreSQL run ({server.stderr.strip()})")
        return
    url, folder = server.stdout.split()
    step(f"tests against PostgreSQL ({url})")
    try:
        run(
            PYTHON,
            "-m",
            "pytest",
            "-q",
            "-m",
            "not slow and not sqlite_only",
            "--ignore=tests/views",
            env=dict(env, MWP_TEST_POSTGRES_URL=url),
        )
    finally:
        subprocess.run([PYTHON, "tests/pg_server.py", "stop", folder], cwd=ROOT)


COMMANDS = {"demo": demo, "test": test, "run": launch}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
