"""`mwp-desktop verify CODE`: the office checks a certificate someone brings in, or a script does."""

from __future__ import annotations

import pytest

from mwp_desktop.cli import main
from mwp_desktop.services.documents import certificates
from tests.builders.accounts import STAFF, add_user_accounts
from tests.builders.printable_group import add_printable_group


@pytest.fixture
def issued(db, db_url, fast_hashing, monkeypatch):
    with db.session() as session:
        group = add_printable_group(session, code="WL-01")
        one = certificates.issue_certificates(session, STAFF, group.id)[0]
        add_user_accounts(session, roles=("staff",))
    # verify reads no one's name and needs no account; credentials are given anyway, the way
    # every other command's tests give them, so this keeps working whatever asks for them.
    monkeypatch.setenv("MWP_USER", "staff")
    monkeypatch.setenv("MWP_PASSWORD", "staff-pass-1")
    return db_url, one


def test_a_genuine_certificate_exits_0_and_names_no_one(issued, capsys):
    db_url, one = issued
    assert main(["verify", one.qr_payload, "--db", db_url]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Genuine: certificate {one.serial}, group WL-01, issued ")
    assert one.participant_name not in said and one.participant_code not in said


def test_a_real_code_under_another_serial_exits_1(issued, capsys):
    db_url, one = issued
    forged = f"MWP-CERT/MWP-2099-99999/{one.verification_code}"
    assert main(["verify", forged, "--db", db_url]) == 1
    said = capsys.readouterr().out
    assert "not genuine" in said and one.serial not in said and "Genuine" not in said


def test_an_unknown_or_mistyped_code_exits_1(issued, capsys):
    db_url, _one = issued
    assert main(["verify", "ZZZZZ-ZZZZZ", "--db", db_url]) == 1
    assert "No certificate with code ZZZZZ-ZZZZZ" in capsys.readouterr().out
    assert main(["verify", "hello", "--db", db_url]) == 1
    assert "not a certificate code" in capsys.readouterr().out
