"""What makensis is told when it compiles installer/mwp_desktop.nsi: the program's version, the
four numbers Windows shows for it, the frozen folder and where the setup goes.

Standard library only: installer/build.py and installer/check_build.py import it before any
virtual environment exists.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NSI = ROOT / "installer" / "mwp_desktop.nsi"

# PEP 440 versions as this project writes them: 1, 1.0, 0.2.0, 0.2.0rc1, 1.0.post2, 0.3.0.dev4.
_VERSION = re.compile(
    r"(?P<release>\d+(?:\.\d+){0,2})"
    r"(?:(?P<stage>a|b|rc)(?P<pre>\d+))?"
    r"(?:\.post(?P<post>\d+))?"
    r"(?:\.dev(?P<dev>\d+))?"
)
# The fourth number of a tagged build: its tag's number plus this.
_TAG_BASE = {"a": 100, "b": 200, "rc": 300, "post": 900, "dev": 0}
_LARGEST = 65535  # each of the four numbers is 16 bits in a Windows version resource


def package_version() -> str:
    """mwp_desktop.__version__, read without importing the package (its libraries may not be
    installed yet)."""
    init = (ROOT / "mwp_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', init, re.M)
    if match is None:
        raise ValueError("mwp_desktop/__init__.py has no __version__ line")
    return match.group(1)


def file_version(version: str) -> str:
    """The four numbers of `version` for the setup's version resource (VIProductVersion), which
    takes nothing else: 0.1.0 -> 0.1.0.0, 1.0 -> 1.0.0.0, 0.2.0rc1 -> 0.2.0.301."""
    match = _VERSION.fullmatch(version)
    if match is None:
        raise ValueError(
            f"'{version}' is not a version the setup can carry: write it as X.Y.Z, optionally "
            "followed by aN, bN, rcN, .postN or .devN"
        )
    numbers = [int(n) for n in match["release"].split(".")] + [0, 0]
    numbers = numbers[:3]
    tags = [(tag, match[key]) for tag, key in (("stage", "pre"), ("post", "post"), ("dev", "dev"))]
    fourth = 0
    for tag, number in tags:
        if number is not None:
            base = _TAG_BASE[match["stage"] if tag == "stage" else tag]
            if int(number) > 99:
                raise ValueError(f"'{version}': a tag's number above 99 does not fit the setup")
            fourth = base + int(number)
            break
    numbers.append(fourth)
    if max(numbers) > _LARGEST:
        raise ValueError(f"'{version}': Windows takes numbers up to {_LARGEST} in a version")
    return ".".join(str(n) for n in numbers)


def defines(version: str, dist: Path, outfile: Path) -> list[str]:
    """makensis options for a setup of the frozen folder `dist`. makensis works in the script's
    folder, so both paths are given in full."""
    return [
        f"-DVERSION={version}",
        f"-DFILE_VERSION={file_version(version)}",
        f"-DDIST={Path(dist).resolve()}",
        f"-DOUTFILE={Path(outfile).resolve()}",
    ]
