"""Signing the Windows build when a certificate is given (installer/signing.py): signtool is asked
for every program and for the setup and its uninstaller, and a failure stops the build rather
than shipping an unsigned setup as if signed. Here a stand-in signtool records what it was asked."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from installer import setup_script, signing

ROOT = Path(__file__).resolve().parents[2]
# A signtool that writes down its arguments and whether the certificate it was given exists, and
# fails when told to.
FAKE_SIGNTOOL = """#!{python}
import json, os, sys
from pathlib import Path
arguments = sys.argv[1:]
certificate = arguments[arguments.index("/f") + 1]
with open({log!r}, "a") as log:
    log.write(json.dumps({{"arguments": arguments, "certificate_exists": Path(certificate).is_file()}}) + "\\n")
sys.exit(1 if os.environ.get("FAKE_SIGNTOOL_FAILS") else 0)
"""


@pytest.fixture
def signtool(tmp_path, monkeypatch):
    folder = tmp_path / "sdk"
    folder.mkdir()
    log = tmp_path / "signtool.log"
    program = folder / "signtool"
    program.write_text(FAKE_SIGNTOOL.format(python=sys.executable, log=str(log)))
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("MWP_SIGN_PFX_BASE64", base64.b64encode(b"not really a pfx").decode())
    monkeypatch.setenv("MWP_SIGN_PASSWORD", "s3cret-pass")
    monkeypatch.delenv("MWP_SIGN_PFX", raising=False)

    def calls() -> list[dict]:
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text().splitlines()]

    return calls


@pytest.mark.skipif(os.name == "nt", reason="the stand-in signtool is a Unix script")
def test_programs_are_signed_with_sha256_and_a_time_stamp(signtool, tmp_path):
    programs = [tmp_path / "mwp-desktop.exe", tmp_path / "mwp-desktop-cli.exe"]
    signing.sign(programs)
    (call,) = signtool()
    arguments = call["arguments"]
    assert arguments[0] == "sign"
    assert arguments[-2:] == [str(p) for p in programs]
    assert arguments[arguments.index("/fd") + 1] == "SHA256"
    assert arguments[arguments.index("/p") + 1] == "s3cret-pass"
    assert arguments[arguments.index("/tr") + 1] == signing.DEFAULT_TIMESTAMP
    # The certificate from the CI secret existed while signing, and not afterwards.
    assert call["certificate_exists"]
    assert not Path(arguments[arguments.index("/f") + 1]).exists()


@pytest.mark.skipif(os.name == "nt", reason="the stand-in signtool is a Unix script")
def test_a_failed_signature_stops_the_build_without_showing_the_password(
    signtool, tmp_path, monkeypatch
):
    monkeypatch.setenv("FAKE_SIGNTOOL_FAILS", "1")
    with pytest.raises(signing.SigningError, match="signtool failed") as failure:
        signing.sign([tmp_path / "mwp-desktop.exe"])
    assert "s3cret-pass" not in str(failure.value)


def test_a_certificate_that_is_not_base64_is_named_as_the_mistake(monkeypatch, tmp_path):
    monkeypatch.delenv("MWP_SIGN_PFX", raising=False)
    monkeypatch.setenv("MWP_SIGN_PFX_BASE64", "this is not base64!")
    monkeypatch.setattr(signing, "find_signtool", lambda: "signtool")
    with pytest.raises(signing.SigningError, match="MWP_SIGN_PFX_BASE64"):
        signing.sign([tmp_path / "setup.exe"])


def test_without_a_certificate_nothing_is_signed(monkeypatch):
    monkeypatch.delenv("MWP_SIGN_PFX", raising=False)
    monkeypatch.delenv("MWP_SIGN_PFX_BASE64", raising=False)
    assert not signing.wanted()


@pytest.mark.skipif(not shutil.which("makensis"), reason="needs NSIS (apt-get install nsis)")
@pytest.mark.skipif(os.name == "nt", reason="the stand-in signtool is a Unix script")
@pytest.mark.parametrize("fails", [False, True])
def test_makensis_signs_the_setup_and_its_uninstaller(signtool, tmp_path, monkeypatch, fails):
    if fails:
        monkeypatch.setenv("FAKE_SIGNTOOL_FAILS", "1")
    payload = tmp_path / "dist"
    (payload / "_internal").mkdir(parents=True)
    (payload / "mwp-desktop.exe").write_bytes(b"MZ")
    (payload / "mwp-desktop-cli.exe").write_bytes(b"MZ")
    setup = tmp_path / "MWP-Desktop-check-setup.exe"
    result = subprocess.run(
        [
            shutil.which("makensis"), "-V2", "-DNOCOMPRESS",
            *setup_script.defines("0.1.0", payload, setup),
            f'-DSIGN_COMMAND="{sys.executable}" "{ROOT / "installer" / "signing.py"}"',
            str(setup_script.NSI),
        ],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    signed = [Path(call["arguments"][-1]) for call in signtool()]
    if fails:
        assert result.returncode != 0
        return
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    # First the uninstaller (a temporary file makensis then packs), then the setup itself.
    assert len(signed) == 2
    assert signed[-1] == setup
