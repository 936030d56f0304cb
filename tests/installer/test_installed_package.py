"""The package as pip installs it, in a throwaway environment: from the wheel (`pip install .`) and
editable (`pip install -e .`, what tasks.py does), the program must find every shipped file.

The shipped files live in the checkout's top-level resources/ and reach the wheel only through
pyproject.toml's package-dir mapping; a mistake there gives an installed program without its
curricula or fonts, which no test run from the checkout would notice.

Nothing is downloaded: the package is built by the setuptools of the environment running the
tests (the `test` extra holds it), and pip installs the built wheel alone (--no-deps, --no-index).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tomllib
import venv
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import mwp_desktop
from mwp_desktop.services.sessions.curricula import MEN_CURRICULUM_CODE, WOMEN_CURRICULUM_CODE

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# What setuptools reads to build the package; copied, so that the build writes nothing into the
# checkout and the editable install points at a folder that only this test uses.
BUILD_INPUTS = ("pyproject.toml", "README.md", "mwp_desktop", "resources")

# Run by the installed copy: where it was imported from, what resource_path finds there (each
# file's digest, for every file of the checkout's resources/), and the curricula and fonts read
# through the program's own loaders.
PROBE = """
import hashlib, json, sys
import mwp_desktop
from mwp_desktop.resource_files import RESOURCES_DIR, resource_path

names = json.loads(sys.stdin.read())
found = {}
for name in names:
    path = resource_path(*name.split("/"))
    if path.is_file():
        found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
listed = sorted(
    p.relative_to(RESOURCES_DIR).as_posix() for p in RESOURCES_DIR.rglob("*") if p.is_file()
)
print(json.dumps({
    "package": mwp_desktop.__file__, "resources": str(RESOURCES_DIR),
    "found": found, "listed": listed,
}))

from mwp_desktop.printing.fonts import register_fonts
from mwp_desktop.services.sessions.curricula import DEFAULT_CURRICULUM_FILES, read_curriculum_file

register_fonts()
print(json.dumps([read_curriculum_file(name)["code"] for name in DEFAULT_CURRICULUM_FILES]))
"""


def shipped_files() -> dict[str, str]:
    """Every file of the checkout's resources/, by its path there, with its SHA-256 digest."""
    return {
        path.relative_to(ROOT / "resources").as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for path in sorted((ROOT / "resources").rglob("*"))
        if path.is_file()
    }


def missing_build_requirements() -> list[str]:
    missing = []
    for text in PYPROJECT["build-system"]["requires"]:
        requirement = Requirement(text)
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            missing.append(text)
            continue
        if not requirement.specifier.contains(version, prereleases=True):
            missing.append(f"{text} (found {version})")
    return missing


@pytest.fixture
def build_backend():
    missing = missing_build_requirements()
    if missing:
        message = f"this environment lacks the build backend {missing}: pip install -e '.[test]'"
        if os.environ.get("CI"):  # CI installs the test extra: there, a missing backend is a bug
            pytest.fail(message)
        pytest.skip(message)
    return PYPROJECT["build-system"]["build-backend"]


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=300,
        **options,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return result


def build(backend: str, hook: str, source: Path, out: Path) -> Path:
    """The wheel the PEP 517 `hook` makes from `source`, as pip would call it without isolation."""
    out.mkdir()
    call = "import importlib, sys; getattr(importlib.import_module(sys.argv[1]), sys.argv[2])(sys.argv[3])"
    result = run([sys.executable, "-c", call, backend, hook, out], cwd=source)
    # The office's install shows this output: a deprecation warning there looks like a fault.
    assert "DeprecationWarning" not in result.stdout + result.stderr
    (wheel,) = out.glob("*.whl")
    return wheel


def fresh_environment(folder: Path, wheel: Path) -> Path:
    """A new venv holding `wheel` and, behind it, the libraries of the environment running the
    tests (PySide6, reportlab …), which --no-deps leaves out. Returns its Python."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--no-cache-dir", "--quiet", wheel]
    )  # fmt: skip
    # Added after the install, so that pip saw no mwp-desktop there. A path line in a .pth file
    # runs no hooks of that folder, so the test environment's own editable mwp_desktop stays out.
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    libraries = dict.fromkeys([*site.getsitepackages(), sysconfig.get_path("purelib")])
    (Path(purelib.stdout.strip()) / "test-environment.pth").write_text(
        "".join(f"{path}\n" for path in libraries), encoding="utf-8"
    )
    return python


def probe(python: Path, names: list[str], cwd: Path) -> tuple[dict, subprocess.CompletedProcess]:
    """PROBE's first answer, and its run (which goes on to read the curricula and fonts)."""
    # -I: neither the working folder nor PYTHONPATH on sys.path, so only the installed copy counts.
    result = subprocess.run(
        [str(python), "-I", "-c", PROBE],
        input=json.dumps(names),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )
    lines = result.stdout.splitlines()
    assert lines, result.stderr[-3000:]
    return json.loads(lines[0]), result


@pytest.mark.parametrize("hook", ["build_wheel", "build_editable"])
def test_installed_package_finds_every_shipped_file(build_backend, hook, tmp_path):
    source = tmp_path / "source"
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    wheel = build(build_backend, hook, source, tmp_path / "dist")
    python = fresh_environment(tmp_path / "venv", wheel)
    expected = shipped_files()
    assert {"curricula/mwp_men_v1.json", "fonts/DejaVuSans.ttf", "style.qss"} <= expected.keys()

    report, result = probe(python, sorted(expected), cwd=tmp_path)

    # The wheel carries the files inside the installed package; the editable install reads them
    # from the source folder it was made from.
    # (Resolved: on Windows a temporary folder may be named in its short 8.3 form.)
    package = Path(report["package"]).resolve().parent
    if hook == "build_wheel":
        assert package.is_relative_to((tmp_path / "venv").resolve())
        assert Path(report["resources"]).resolve() == package / "resources"
    else:
        assert package == (source / "mwp_desktop").resolve()
        assert Path(report["resources"]).resolve() == (source / "resources").resolve()
    assert report["found"] == expected
    assert report["listed"] == sorted(expected)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.splitlines()[1]) == [MEN_CURRICULUM_CODE, WOMEN_CURRICULUM_CODE]

    # From a source install on Windows the `mwp-desktop` script is a windowed one that cannot
    # print; `mwp-desktop-cli` is the console one for commands, as in the frozen build.
    scripts = python.parent
    cli = scripts / ("mwp-desktop-cli.exe" if os.name == "nt" else "mwp-desktop-cli")
    assert cli.is_file(), sorted(p.name for p in scripts.iterdir())
    version = run([cli, "--version"], cwd=tmp_path, env=dict(os.environ, PYTHONPATH=""))
    assert version.stdout.strip() == f"mwp-desktop {mwp_desktop.__version__}"
