"""The Windows build files, read without building (installer/check_build.py builds them in CI).

A mistake here would only show on the office's PC: a setup that asks for administrator rights, an
uninstaller that deletes the records, a frozen program without its migration scripts.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from installer import setup_script
from mwp_desktop import __version__
from mwp_desktop.models import database
from mwp_desktop.resource_files import RESOURCES_DIR

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
SPEC = (INSTALLER / "mwp_desktop.spec").read_text(encoding="utf-8")
NSI = (INSTALLER / "mwp_desktop.nsi").read_text(encoding="utf-8")


def nsi_lines() -> list[str]:
    """The script's statements, without comments."""
    return [
        line.strip() for line in NSI.splitlines() if line.strip() and line.strip()[0] not in ";#"
    ]


def nsi_section(name: str) -> str:
    match = re.search(
        rf'^Section[^\n]*"{re.escape(name)}"[^\n]*\n(.*?)^SectionEnd', NSI, re.M | re.S
    )
    assert match, f"no section {name!r}"
    return match.group(0)


def test_spec_is_python_and_builds_two_programs_from_one_analysis():
    tree = ast.parse(SPEC)
    calls = [
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]
    assert calls.count("Analysis") == 1
    assert calls.count("EXE") == 2
    assert calls.count("COLLECT") == 1
    assert 'name="mwp-desktop", console=False' in SPEC
    assert 'name="mwp-desktop-cli", console=True' in SPEC


def test_spec_bundles_what_the_program_opens_by_path():
    # From source the shipped files are the checkout's resources/; the frozen program finds them
    # inside the package, where the spec puts them and resource_files looks first. Migrations are
    # next to their module, as when run from source.
    assert RESOURCES_DIR.resolve() == ROOT / "resources"
    assert '(str(ROOT / "resources"), "mwp_desktop/resources")' in SPEC
    assert database.MIGRATIONS_DIR.parent.name == "models"
    assert 'PACKAGE / "models" / "migrations"' in SPEC
    assert '"versions/*.py"' in SPEC
    assert 'collect_data_files("reportlab")' in SPEC
    assert 'collect_submodules("holidays")' in SPEC
    for module in ("PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtSvg"):
        assert f'"{module}"' in SPEC
    for unused in ("QtWebEngineCore", "Qt3DCore", "QtMultimedia", "QtQuick", "QtCharts"):
        assert f'"{unused}"' in SPEC


def test_spec_icon_is_a_windows_icon_with_the_sizes_explorer_uses():
    assert 'icon=str(ROOT / "installer" / "mwp.ico")' in SPEC
    data = (INSTALLER / "mwp.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_nsi_installs_per_user_into_local_programs():
    lines = nsi_lines()
    assert "RequestExecutionLevel user" in lines
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_NAME}"' in lines
    assert '!define APP_NAME "MWP Desktop"' in lines
    # Nothing that needs administrator rights: no HKLM, no Program Files, no all-users shortcuts.
    assert "HKLM" not in NSI
    assert "$PROGRAMFILES" not in NSI
    assert "SetShellVarContext all" not in NSI


def test_nsi_registers_the_uninstaller_under_hkcu_apps_and_features():
    program = nsi_section("${APP_NAME}")
    assert '!define UNINSTALL_KEY "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\' in NSI
    for value in ("DisplayName", "DisplayVersion", "UninstallString", "DisplayIcon"):
        assert f'WriteRegStr HKCU "${{UNINSTALL_KEY}}" "{value}"' in program
    assert 'WriteUninstaller "$INSTDIR\\${UNINSTALLER}"' in program
    assert '"$SMPROGRAMS\\${APP_NAME}.lnk"' in program


def test_nsi_uninstall_keeps_the_data_folder_unless_ticked():
    # The data folder is the one paths.py gives on Windows (platformdirs, LEWAF\MWP Desktop).
    assert '!define DATA_DIR "${DATA_PARENT}\\MWP Desktop"' in NSI
    assert '!define DATA_PARENT "$LOCALAPPDATA\\LEWAF"' in NSI
    program = nsi_section("un.${APP_NAME} (the program)")
    assert "DATA_DIR" not in program
    assert 'RMDir /r "$INSTDIR"' not in NSI  # never a recursive delete of a folder the user chose
    match = re.search(r'^Section (/o )?"un\.Also remove my data"', NSI, re.M)
    assert match and match.group(1) == "/o ", "the data section must start unticked"
    data = nsi_section("un.Also remove my data")
    assert 'RMDir /r "${DATA_DIR}"' in data


def test_nsi_takes_version_folder_and_output_from_the_command_line():
    assert "!ifndef VERSION" in NSI and "!ifndef DIST" in NSI and "!ifndef OUTFILE" in NSI
    assert 'OutFile "${OUTFILE}"' in NSI
    assert 'File /r "${DIST}/*"' in NSI
    assert 'VIProductVersion "${FILE_VERSION}"' in NSI
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", setup_script.file_version(__version__))


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", "0.1.0.0"),
        ("1.0", "1.0.0.0"),
        ("2", "2.0.0.0"),
        ("0.2.0a3", "0.2.0.103"),
        ("0.2.0b1", "0.2.0.201"),
        ("0.2.0rc1", "0.2.0.301"),
        ("0.2.0.dev4", "0.2.0.4"),
        ("1.0.post2", "1.0.0.902"),
    ],
)
def test_the_version_windows_shows_is_four_numbers(version, numbers):
    # A release keeps X.Y.Z.0; a pre-release's or post-release's tag becomes the fourth number,
    # so that two builds never show the same numbers in the file's Properties.
    assert setup_script.file_version(version) == numbers


@pytest.mark.parametrize("version", ["0.2.0+local", "one", "0.1.2.3", "70000.0", "1.0rc10000"])
def test_a_version_windows_cannot_show_is_refused_with_a_message(version):
    with pytest.raises(ValueError, match=re.escape(version)):
        setup_script.file_version(version)


@pytest.mark.skipif(not shutil.which("makensis"), reason="needs NSIS (apt-get install nsis)")
@pytest.mark.parametrize("version", ["0.1.0", "0.2.0rc1", "1.0"])
def test_the_setup_compiles_for_every_kind_of_version(tmp_path, version):
    payload = tmp_path / "dist"
    (payload / "_internal").mkdir(parents=True)
    (payload / "mwp-desktop.exe").write_bytes(b"MZ")
    (payload / "mwp-desktop-cli.exe").write_bytes(b"MZ")
    setup = tmp_path / "MWP-Desktop-check-setup.exe"
    result = subprocess.run(
        [
            shutil.which("makensis"), "-V2", "-WX", "-DNOCOMPRESS",
            *setup_script.defines(version, payload, setup),
            str(INSTALLER / "mwp_desktop.nsi"),
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    # PySide6 6.11 is 64-bit only, and so is the setup: its PE header names the x64 machine.
    header = setup.read_bytes()[:4096]
    pe = int.from_bytes(header[0x3C:0x40], "little")
    assert header[:2] == b"MZ" and header[pe : pe + 4] == b"PE\0\0"
    assert header[pe + 4 : pe + 6] == (0x8664).to_bytes(2, "little")


def test_nsi_upgrade_replaces_the_program_in_the_previous_folder():
    assert 'InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"' in NSI
    program = nsi_section("${APP_NAME}")
    # Old libraries go before the new files are copied; the data folder is not in $INSTDIR.
    assert program.index('RMDir /r "$INSTDIR\\_internal"') < program.index("File /r")
    assert "!insertmacro CLOSE_PROGRAM_FIRST" in program


@pytest.mark.parametrize("name", ["check_build.py", "build.py"])
def test_build_scripts_import_only_the_standard_library_at_the_top(name):
    tree = ast.parse((INSTALLER / name).read_text(encoding="utf-8"))
    allowed = {"__future__", "tasks", "installer"}
    for node in tree.body:
        if isinstance(node, ast.Import):
            names = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [(node.module or "").split(".")[0]]
        else:
            continue
        for module in names:
            assert module in allowed or module in sys.stdlib_module_names, module


def test_libraries_the_program_loads_import_without_what_the_spec_leaves_out():
    # pyqtgraph imports QtOpenGL at start: leaving out a module something needs breaks a panel
    # only in the frozen program. Here the excluded modules are made unimportable, as when frozen.
    block = SPEC[SPEC.index("UNUSED_QT = [") : SPEC.index("]", SPEC.index("UNUSED_QT = ["))]
    unused_qt = re.findall(r'"(Qt\w+)"', block)
    assert "QtWebEngineCore" in unused_qt
    others = ["PIL._avif", "PIL.AvifImagePlugin", "pygments", "sqlalchemy.dialects.mysql"]
    script = f"""
import sys
for name in {[f"PySide6.{m}" for m in unused_qt] + others!r}:
    sys.modules[name] = None
from PySide6.QtWidgets import QApplication
app = QApplication([])
import pyqtgraph
plot = pyqtgraph.PlotWidget()
plot.plot([1, 2, 3], [3, 1, 2])
import alembic.command, openpyxl, reportlab.platypus, sqlalchemy.dialects.sqlite
from reportlab.lib.utils import ImageReader
from PySide6.QtPdfWidgets import QPdfView
print("imported")
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "imported" in result.stdout
