#!/usr/bin/env python3
"""Code signing of the Windows programs and the setup with signtool, when a certificate is given.

    MWP_SIGN_PFX=C:\\keys\\lewaf.pfx  MWP_SIGN_PASSWORD=...  py installer\\build.py
    python installer/signing.py FILE      (what makensis runs on the setup and its uninstaller)

The certificate is a .pfx file named by MWP_SIGN_PFX, or its base64 text in MWP_SIGN_PFX_BASE64 (a
CI secret); its password is MWP_SIGN_PASSWORD. A time stamp (MWP_SIGN_TIMESTAMP, DigiCert's by
default) keeps signatures valid after the certificate expires. signtool comes with the Windows
SDK; it is looked for on PATH and in the SDK's folder. Without a certificate nothing is signed
(installer/README.md says what an office sees then). The password is passed to signtool only,
never printed; a certificate given as base64 is written to a private temporary file and deleted.

Only the standard library: build.py imports this before any virtual environment exists.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

DEFAULT_TIMESTAMP = "http://timestamp.digicert.com"
SDK_BIN = (
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "Windows Kits"
    / "10"
    / "bin"
)


class SigningError(Exception):
    """Signing was asked for and cannot be done: the build must stop, not ship unsigned."""


def wanted() -> bool:
    return bool(os.environ.get("MWP_SIGN_PFX") or os.environ.get("MWP_SIGN_PFX_BASE64"))


def find_signtool() -> str | None:
    found = shutil.which("signtool")
    if found:
        return found
    # The newest SDK's 64-bit signtool: bin\10.0.22621.0\x64\signtool.exe.
    candidates = sorted(SDK_BIN.glob("10.*/x64/signtool.exe"), key=lambda p: p.parent.parent.name)
    return str(candidates[-1]) if candidates else None


@contextmanager
def _certificate_file():
    named = os.environ.get("MWP_SIGN_PFX")
    if named:
        if not Path(named).is_file():
            raise SigningError(f"MWP_SIGN_PFX names {named}, which is not a file")
        yield Path(named)
        return
    try:
        data = base64.b64decode(os.environ["MWP_SIGN_PFX_BASE64"], validate=True)
    except ValueError:
        raise SigningError("MWP_SIGN_PFX_BASE64 is not base64 text of a .pfx file") from None
    folder = Path(tempfile.mkdtemp(prefix="mwp-sign-"))  # readable by this user only
    path = folder / "certificate.pfx"
    try:
        path.write_bytes(data)
        yield path
    finally:
        path.unlink(missing_ok=True)
        folder.rmdir()


def sign_command(signtool: str, certificate: Path, files: list[Path]) -> list[str]:
    command = [signtool, "sign", "/fd", "SHA256", "/f", str(certificate)]
    password = os.environ.get("MWP_SIGN_PASSWORD")
    if password:
        command += ["/p", password]
    timestamp = os.environ.get("MWP_SIGN_TIMESTAMP", DEFAULT_TIMESTAMP)
    if timestamp:
        command += ["/tr", timestamp, "/td", "SHA256"]
    return command + [str(f) for f in files]


def sign(files: list[Path]) -> None:
    """Signs `files` in place with the certificate given, or raises SigningError."""
    signtool = find_signtool()
    if signtool is None:
        raise SigningError("signtool was not found: install the Windows SDK's signing tools")
    with _certificate_file() as certificate:
        result = subprocess.run(
            sign_command(signtool, certificate, files), capture_output=True, text=True
        )
    if result.returncode != 0:
        # signtool's own words, which name the file and the reason, never the password.
        raise SigningError(f"signtool failed: {(result.stdout + result.stderr).strip()[-800:]}")
    for file in files:
        print(f"    signed {file.name}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    try:
        sign([Path(name) for name in sys.argv[1:]])
    except SigningError as exc:
        sys.exit(f"{exc}")
