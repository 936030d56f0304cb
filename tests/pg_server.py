#!/usr/bin/env python3
"""A throwaway PostgreSQL server for the tests, on a loopback port in a temporary folder.

    python tests/pg_server.py start   # prints: URL FOLDER   (exit 3 when no server can be had)
    python tests/pg_server.py stop FOLDER

Uses Debian's server binaries (/usr/lib/postgresql/N/bin), installing the `postgresql` package
when running as root on Debian/Ubuntu without them. PostgreSQL refuses to run as root, so as root
initdb and pg_ctl run as the `postgres` user. Standard library only: tasks.py calls it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

NO_SERVER = 3
WINDOWS = os.name == "nt"


def server_bin() -> Path | None:
    # The PostgreSQL installer on Windows (and GitHub's Windows runners) leaves its programs off
    # PATH and names their folder in PGBIN.
    named = os.environ.get("PGBIN")
    if named and shutil.which("pg_ctl", path=named):
        return Path(named)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def install_server() -> None:
    if WINDOWS or os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], env=env, check=False)


def as_server_user(command: list[str]) -> list[str]:
    if not WINDOWS and os.geteuid() == 0:
        if shutil.which("runuser"):
            return ["runuser", "-u", "postgres", "--", *command]
        return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]
    return command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> int:
    bin_dir = server_bin()
    if bin_dir is None:
        install_server()
        bin_dir = server_bin()
    if bin_dir is None:
        print("no PostgreSQL server binaries here", file=sys.stderr)
        return NO_SERVER
    folder = Path(tempfile.mkdtemp(prefix="mwp-pg-"))
    data = folder / "data"
    if not WINDOWS and os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True}
    steps = [
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "mwp",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "server.log"),
            "-w",
            "-o",
            server_options(port, folder),
            "start",
        ],
    ]
    for command in steps:
        result = subprocess.run(as_server_user(command), **quiet)
        if result.returncode != 0:
            print(f"could not start PostgreSQL: {result.stderr.strip()}", file=sys.stderr)
            shutil.rmtree(folder, ignore_errors=True)
            return NO_SERVER
    print(f"postgresql+psycopg://mwp@127.0.0.1:{port}/postgres {folder}")
    return 0


def server_options(port: int, folder: Path) -> str:
    """The server's settings: TCP on loopback (the URL the tests use), no durability (a
    throwaway), and on Unix its socket in its own folder rather than /var/run/postgresql, which
    only the system's server may use. Windows has no such folder to avoid."""
    socket_folder = "" if WINDOWS else f"-k {folder} "
    return (
        f"-p {port} {socket_folder}-c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )


def stop(folder: str) -> int:
    path = Path(folder)
    bin_dir = server_bin()
    if bin_dir is not None and (path / "data").exists():
        subprocess.run(
            as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(path / "data"), "-m", "fast", "-w", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            check=False,
        )
    shutil.rmtree(path, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "start":
        sys.exit(start())
    if len(sys.argv) == 3 and sys.argv[1] == "stop":
        sys.exit(stop(sys.argv[2]))
    sys.exit(__doc__)
