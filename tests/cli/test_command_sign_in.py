"""Every command that reads identifiable data or changes data signs in and keeps the window's
role rules; only --version, --help and `check` need no account."""

import io

import pytest
from sqlalchemy import func, select

from mwp_desktop.cli import main
from mwp_desktop.models import AuditEvent, CertificateIssue, User
from mwp_desktop.services.admin import users
from mwp_desktop.services.admin.database import open_existing, open_for_use
from mwp_desktop.services.admin.settings import get_setting
from mwp_desktop.services.admin.users import REFUSED
from tests.all_records import all_records
from tests.builders.accounts import add_user_accounts, sign_in_for_commands
from tests.builders.printable_group import add_printable_group
from tests.builders.small_office import add_small_office

REFUSAL = (
    "mwp-desktop: This command needs an account: set MWP_USER and MWP_PASSWORD, "
    "or run it in a terminal to be asked.\n"
)


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.fixture
def office_url(db, db_url, fast_hashing):
    """WU-001 (the small office), WL-01 (ten men who completed), every role's account."""
    with db.session() as s:
        group = add_small_office(s)
        add_printable_group(s, code="WL-01", attended_by_index={1: 10})
        add_user_accounts(s, roles=("staff", "supervisor", "facilitator"),
                          facilitator=group.facilitator)  # fmt: skip
    db.close()
    return db_url


def commands(tmp_path) -> dict[str, list[str]]:
    """Each command that needs an account, with the file it would write (if any) last."""
    people = tmp_path / "list.csv"
    people.write_text("Name,Sex,Community\nOsman Turay,M,Kissy Brook\n")
    old = tmp_path / "old.mwpbackup"
    old.write_bytes(b"not looked at before signing in")
    out = str(tmp_path / "out")
    return {
        "export groups": ["export", "groups", "--out", f"{out}.csv"],
        "export attendance": ["export", "attendance", "--group", "WU-001", "--out", f"{out}.csv"],
        "export schedule": ["export", "schedule", "--group", "WU-001", "--out", f"{out}.csv"],
        "export summary": ["export", "summary", "--out", f"{out}.csv"],
        "export deidentified": ["export", "deidentified", "--out", f"{out}.csv"],
        "export participants": ["export", "participants", "--out", f"{out}.csv"],
        "export commitments": ["export", "commitments", "--group", "WU-001", "--out", f"{out}.csv"],
        "export women-feedback": [
            "export",
            "women-feedback",
            "--from",
            "01/01/2026",
            "--to",
            "31/12/2026",
            "--out",
            f"{out}.xlsx",
        ],  # fmt: skip
        "import participants": ["import", "participants", str(people)],
        "import dry run": ["import", "participants", str(people), "--dry-run"],
        "print certificates": ["print", "certificates", "--group", "WL-01", "--out", f"{out}.pdf"],
        "print session-sheet": [
            "print",
            "session-sheet",
            "--group",
            "WU-001",
            "--session",
            "1",
            "--out",
            f"{out}.pdf",
        ],  # fmt: skip
        "print session-plan": ["print", "session-plan", "--session", "1", "--out", f"{out}.pdf"],
        "print schedule": ["print", "schedule", "--group", "WU-001", "--out", f"{out}.pdf"],
        "print register": ["print", "register", "--group", "WU-001", "--out", f"{out}.pdf"],
        "print follow-up": ["print", "follow-up", "--out", f"{out}.pdf"],
        "print commitment-cards": [
            "print",
            "commitment-cards",
            "--group",
            "WU-001",
            "--out",
            f"{out}.pdf",
        ],  # fmt: skip
        "print check-in-sheet": [
            "print",
            "check-in-sheet",
            "--group",
            "WU-001",
            "--out",
            f"{out}.pdf",
        ],  # fmt: skip
        "backup": ["backup", "--out", f"{out}.mwpbackup"],
        "restore": ["restore", str(old)],
        "demo into it": ["demo"],
    }


COMMANDS = [
    "export groups", "export attendance", "export schedule", "export summary",
    "export deidentified", "export participants", "import participants", "import dry run",
    "print certificates", "print session-sheet", "print session-plan", "print schedule",
    "print register", "print follow-up", "backup", "restore", "demo into it",
    "export commitments", "export women-feedback", "print commitment-cards",
    "print check-in-sheet",
]  # fmt: skip


def records(url: str) -> dict:
    db = open_existing(url)
    try:
        return all_records(db, skip=())
    finally:
        db.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_without_an_account_every_command_is_refused_in_one_line(
    office_url, tmp_path, capsys, no_terminal, command
):
    argv = commands(tmp_path)[command]
    before = records(office_url)
    capsys.readouterr()
    assert main([*argv, "--db", office_url]) == 2
    assert capsys.readouterr() == ("", REFUSAL)
    assert not list(tmp_path.glob("out*"))
    assert records(office_url) == before


def test_a_facilitator_at_the_command_line_keeps_the_windows_rules(
    office_url, tmp_path, capsys, monkeypatch
):
    sign_in_for_commands(monkeypatch, "facilitator")
    before = records(office_url)
    for name, refusal in (
        ("export participants", "Facilitator accounts cannot export data."),
        ("export women-feedback", "Facilitator accounts cannot export data."),
        ("import participants", "Facilitator accounts cannot import participant lists."),
        ("backup", "Facilitator accounts cannot make backups."),
        ("restore", "Facilitator accounts cannot restore a backup."),
    ):
        assert main([*commands(tmp_path)[name], "--db", office_url]) == 2, name
        assert capsys.readouterr() == ("", f"mwp-desktop: {refusal}\n"), name
    assert not list(tmp_path.glob("out*"))
    # Only the sign-ins' bookkeeping may change (the last sign-in time), not the records.
    assert records(office_url)["participants"] == before["participants"]


def test_a_wrong_password_is_refused_and_does_nothing(office_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MWP_USER", "staff")
    monkeypatch.setenv("MWP_PASSWORD", "not-the-password")
    assert main([*commands(tmp_path)["export participants"], "--db", office_url]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err == f"mwp-desktop: {REFUSED}\n"  # the same sentence as every refused sign-in
    assert not list(tmp_path.glob("out*"))


def test_an_import_is_audited_as_the_account_that_signed_in(office_url, tmp_path, monkeypatch):
    db = open_existing(office_url)
    with db.session() as s:
        staff_id = s.scalar(select(User.id).where(User.username == "staff"))
        last = s.scalar(select(func.max(AuditEvent.id)))
    db.close()
    sign_in_for_commands(monkeypatch, "staff")
    assert main([*commands(tmp_path)["import participants"], "--db", office_url]) == 0
    db = open_existing(office_url)
    with db.session() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.id > last)).all()
    db.close()
    assert "participant" in {r.entity for r in rows}
    assert rows and {(r.username, r.user_id) for r in rows} == {("staff", staff_id)}


def test_certificates_printed_at_the_command_line_are_issued_by_the_account(
    office_url, tmp_path, monkeypatch
):
    sign_in_for_commands(monkeypatch, "supervisor")
    assert main([*commands(tmp_path)["print certificates"], "--db", office_url]) == 0
    db = open_existing(office_url)
    with db.session() as s:
        supervisor_id = s.scalar(select(User.id).where(User.username == "sup"))
        issuers = set(s.scalars(select(CertificateIssue.issued_by_id)))
    db.close()
    assert issuers == {supervisor_id}


def test_a_database_without_accounts_points_to_init(db, db_url, tmp_path, capsys, monkeypatch):
    with db.session() as s:
        add_small_office(s)
    db.close()
    sign_in_for_commands(monkeypatch, "admin")
    out = tmp_path / "out.csv"
    assert main(["export", "participants", "--db", db_url, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no user accounts yet" in err and "mwp-desktop init" in err
    assert not out.exists()


def test_check_needs_no_account(office_url, capsys, no_terminal):
    assert main(["check", "--db", office_url]) == 0
    assert capsys.readouterr().out.strip().endswith(": OK")


# -- init: the first administrator of a new database ---------------------------------------


def test_init_makes_the_first_administrator(data_dir, fast_hashing, capsys, monkeypatch):
    target = data_dir / "office.sqlite3"
    monkeypatch.setenv("MWP_PASSWORD", "a long office phrase")
    argv = ["init", "--db", str(target), "--organisation", "Hope for Bo", "--admin", "ada"]
    assert main(argv) == 0
    assert "ada" in capsys.readouterr().out
    db = open_existing(str(target))
    assert users.authenticate(db, "ada", "a long office phrase").role == "admin"
    with db.session() as s:
        assert get_setting(s, "organisation_name") == "Hope for Bo"
    db.close()
    # The office's first administrator can now use the commands.
    monkeypatch.setenv("MWP_USER", "ada")
    assert main(["export", "groups", "--db", str(target), "--out", str(data_dir / "g.csv")]) == 0


def test_init_refuses_a_database_that_has_accounts(office_url, capsys, monkeypatch):
    before = records(office_url)
    monkeypatch.setenv("MWP_PASSWORD", "a long office phrase")
    assert main(["init", "--db", office_url, "--organisation", "X", "--admin", "eve"]) == 2
    assert "already has user accounts" in capsys.readouterr().err
    assert records(office_url) == before


def test_init_without_a_password_or_a_terminal_creates_nothing(data_dir, capsys, no_terminal):
    target = data_dir / "office.sqlite3"
    assert main(["init", "--db", str(target), "--organisation", "X", "--admin", "ada"]) == 2
    assert capsys.readouterr() == (
        "",
        "mwp-desktop: init needs the administrator's password: set MWP_PASSWORD, "
        "or run it in a terminal to be asked.\n",
    )
    assert not target.exists()


# -- demo: a new demo database needs no account; an existing database does ----------------


@pytest.mark.sqlite_only
def test_a_new_demo_database_needs_no_account_and_has_its_accounts(
    data_dir, fast_hashing, capsys, no_terminal
):
    target = data_dir / "demo.sqlite3"
    assert main(["demo", "--db", str(target)]) == 0
    db = open_existing(str(target))
    assert users.authenticate(db, "staff", "demo-staff").role == "staff"
    db.close()


def test_demo_into_an_existing_database_needs_an_administrator(db, db_url, fast_hashing, capsys,
                                                               monkeypatch):  # fmt: skip
    with db.session() as s:
        add_user_accounts(s, roles=("supervisor",))
    db.close()
    sign_in_for_commands(monkeypatch, "supervisor")
    assert main(["demo", "--db", db_url]) == 2
    assert "Supervisor accounts cannot manage users." in capsys.readouterr().err
    check = open_for_use(db_url)
    with check.session() as s:
        assert s.scalar(select(User.id).where(User.username == "staff")) is None
    check.close()
    sign_in_for_commands(monkeypatch, "admin")
    assert main(["demo", "--db", db_url]) == 0
