"""`py tasks.py test` on a Windows PC: what it runs besides pytest (the benchmark smoke run, the
PostgreSQL test server) must not call what only Unix has, and must find what Windows keeps
elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pg_server

ROOT = Path(__file__).resolve().parents[2]
# What Python on Windows lacks, made to look missing here.
WINDOWS_PYTHON = """
import os, sys
del os.getloadavg
for name in ("resource", "fcntl", "pwd", "grp", "termios"):
    sys.modules[name] = None
"""


def test_the_benchmark_run_works_where_the_system_has_no_load_average():
    script = WINDOWS_PYTHON + (
        "sys.path.insert(0, 'benchmarks')\n"
        "import run\n"
        "print(run.load_average())\n"
        "print(run.describe_load(None, None))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["None", "load average: not known on this system"]


def test_the_benchmark_run_reports_the_load_where_there_is_one():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    line = run.describe_load((1.0, 0.5, 0.25), (2.0, 1.0, 0.5))
    assert line == "load average (1, 5, 15 min) before 1.00 0.50 0.25, after 2.00 1.00 0.50"


# psutil's peak working set exists only on Windows; elsewhere it is given for this test (psutil
# is imported before resource is hidden: on Linux psutil itself uses it).
PEAK_WORKING_SET = """
import sys, psutil
if not hasattr(psutil.Process().memory_info(), "peak_wset"):
    sys.platform = "win32"
    class WindowsMemoryInfo:
        peak_wset = 150 * 2**20
    psutil.Process.memory_info = lambda self: WindowsMemoryInfo()
"""


def test_peak_memory_is_measured_without_the_resource_module():
    # The memory benchmark's child process measures itself; on Windows through psutil.
    script = (
        PEAK_WORKING_SET
        + WINDOWS_PYTHON
        + "from benchmarks.peak_memory import peak_memory_mb\nprint(peak_memory_mb())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert 20 < float(result.stdout.strip()) < 2000


@pytest.mark.skipif(os.name == "nt", reason="the resource module is what Unix measures with")
def test_peak_memory_on_unix_is_this_process_s_high_water_mark():
    import psutil

    from benchmarks.peak_memory import peak_memory_mb

    assert peak_memory_mb() >= psutil.Process().memory_info().rss / 2**20 * 0.9


def test_postgresql_programs_are_found_through_pgbin(tmp_path, monkeypatch):
    # Windows runners install PostgreSQL without putting it on PATH; they say where in PGBIN.
    programs = tmp_path / "PostgreSQL 16" / "bin"
    programs.mkdir(parents=True)
    program = programs / ("pg_ctl.exe" if os.name == "nt" else "pg_ctl")
    program.write_bytes(b"")
    program.chmod(0o755)
    monkeypatch.setenv("PGBIN", str(programs))
    assert pg_server.server_bin() == programs


def test_a_pgbin_without_the_programs_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PGBIN", str(tmp_path))
    assert pg_server.server_bin() != tmp_path


def test_the_server_is_asked_for_a_unix_socket_only_where_there_are_some(monkeypatch):
    monkeypatch.setattr(pg_server, "WINDOWS", True)
    options = pg_server.server_options(5433, Path("mwp-pg-1"))
    assert "-p 5433" in options and "listen_addresses=127.0.0.1" in options
    assert "-k" not in options


def test_on_unix_the_server_listens_on_a_socket_in_its_own_folder(monkeypatch):
    monkeypatch.setattr(pg_server, "WINDOWS", False)
    assert "-k mwp-pg-1 " in pg_server.server_options(5433, Path("mwp-pg-1"))
