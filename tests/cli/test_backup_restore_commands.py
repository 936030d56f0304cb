"""The trust commands from the command line: backup, restore (with credentials), de-identified
export."""

import csv
import io

import pytest
from sqlalchemy import text

from mwp_desktop.cli import main
from mwp_desktop.services.admin import users
from mwp_desktop.services.admin.database import open_for_use
from tests.all_records import all_records
from tests.builders.accounts import add_user_accounts, sign_in_for_commands
from tests.builders.small_office import add_small_office

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def office(data_dir, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)
    path = data_dir / "office.sqlite3"
    db = open_for_use(str(path))
    with db.session() as s:
        add_small_office(s)
        add_user_accounts(s, roles=("staff",))
    db.close()
    return path


def test_backup_and_restore_from_the_command_line(office, tmp_path, monkeypatch, capsys):
    sign_in_for_commands(monkeypatch, "staff")
    secret = tmp_path / "pass.txt"
    secret.write_text("long stick phrase\n")
    out = tmp_path / "night.mwpbackup"
    assert (
        main(["backup", "--db", str(office), "--out", str(out), "--passphrase-file", str(secret)])
        == 0
    )
    assert "(encrypted)" in capsys.readouterr().out
    db = open_for_use(str(office))
    before = all_records(db)
    with db.session() as s:
        s.execute(text("DELETE FROM attendance"))
    db.close()

    # Restore changes data: without credentials and without a terminal it refuses plainly.
    monkeypatch.delenv("MWP_USER")
    monkeypatch.delenv("MWP_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["restore", str(out), "--db", str(office), "--passphrase-file", str(secret)]) == 2
    assert "set MWP_USER and MWP_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("MWP_USER", "staff")
    monkeypatch.setenv("MWP_PASSWORD", "staff-pass-1")
    assert main(["restore", str(out), "--db", str(office), "--passphrase-file", str(secret)]) == 2
    assert "Office staff accounts cannot restore a backup" in capsys.readouterr().err
    monkeypatch.setenv("MWP_USER", "admin")
    monkeypatch.setenv("MWP_PASSWORD", "wrong-one")
    assert main(["restore", str(out), "--db", str(office), "--passphrase-file", str(secret)]) == 2
    assert "password is wrong" in capsys.readouterr().err
    monkeypatch.setenv("MWP_PASSWORD", "admin-pass-1")
    assert main(["restore", str(out), "--db", str(office), "--passphrase-file", str(secret)]) == 0
    assert "kept in" in capsys.readouterr().out
    db = open_for_use(str(office))
    assert all_records(db, skip=("audit_events", "users")) == {
        k: v for k, v in before.items() if k != "users"
    }
    db.close()


def test_backup_to_a_missing_stick_says_so(office, tmp_path, capsys, monkeypatch):
    sign_in_for_commands(monkeypatch, "staff")
    assert main(["backup", "--db", str(office), "--out", str(tmp_path / "F" / "x.sqlite3")]) == 2
    assert "plug the stick in" in capsys.readouterr().err


def test_deidentified_export_names_nobody(office, tmp_path, capsys, monkeypatch):
    sign_in_for_commands(monkeypatch, "staff")
    out = tmp_path / "donor.csv"
    assert main(["export", "deidentified", "--db", str(office), "--out", str(out)]) == 0
    text = out.read_text("utf-8-sig")
    for private in ("Kamara", "Sesay", "Mohamed", "+23276", "Kissy Brook"):
        assert private not in text
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == 12
    assert {r["Age band"] for r in rows} <= {"45–54", "55 and over"}
    assert len(rows[0]["Pseudonym"]) == 8 and rows[0]["District"] == "Western Urban"
    assert {int(r["Sessions attended"]) for r in rows} <= {0, 1, 2, 3, 4}


def test_backup_onto_the_live_database_is_refused(office, tmp_path, capsys, monkeypatch):
    sign_in_for_commands(monkeypatch, "staff")
    secret = tmp_path / "pass.txt"
    secret.write_text("long stick phrase\n")
    command = ["backup", "--db", str(office), "--out", str(office), "--passphrase-file"]
    assert main([*command, str(secret)]) == 2
    assert "never written onto the database it copies" in capsys.readouterr().err
    db = open_for_use(str(office))
    assert all_records(db)["participants"]
    db.close()


def test_a_binary_passphrase_file_gives_one_clear_sentence(office, tmp_path, capsys):
    secret = tmp_path / "pass.bin"
    secret.write_bytes(b"\xff\xfe\x00\x81 not text\n")
    out = tmp_path / "night.mwpbackup"
    command = ["backup", "--db", str(office), "--out", str(out), "--passphrase-file"]
    assert main([*command, str(secret)]) == 2
    err = capsys.readouterr().err
    assert "is not text" in err and "Error" not in err
    assert not out.exists()
