"""Hostile input to the trust services: very long text, right-to-left script, emoji, markup,
control characters and lone surrogates. Nothing crashes, every refusal says why, and a refused
change leaves nothing behind."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from mwp_desktop.errors import UserError, ValidationError
from mwp_desktop.models import AuditEvent, Setting, User
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin import audit_log, backups, restore, users
from mwp_desktop.services.admin.backup_crypto import decrypt_file
from mwp_desktop.services.admin.first_run import set_up_office
from tests.builders.accounts import add_user_accounts

HOSTILE = st.one_of(
    st.text(st.characters(blacklist_categories=()), max_size=300),  # anything, even surrogates
    st.sampled_from(
        [
            "",
            " ",
            "<b>Kamara</b>",
            "مريم كمارا",  # right-to-left
            "‮evil‬",  # bidi override
            "Fatmata 👩🏾‍🌾",
            "a\x00b",
            "line\nbreak",
            '=HYPERLINK("x")',
            "Robert'); DROP TABLE users;--",
            "%_\\",
            "x" * 5000,
        ]
    ),
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def admin(db, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2**4)  # the cost is not what is under test here
    with db.session() as s:
        return add_user_accounts(s, roles=())["admin"]


def _counts(db) -> tuple[int, int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count(User.id))),
            s.scalar(select(func.count(AuditEvent.id))),
            s.scalar(select(func.count(Setting.id))),
        )


def _explained(exc: UserError) -> None:
    assert str(exc).strip()
    if isinstance(exc, ValidationError):
        assert exc.fields and all(str(reason).strip() for reason in exc.fields.values())


@FUZZ
@given(
    username=HOSTILE,
    full_name=HOSTILE,
    password=HOSTILE,
    role=HOSTILE | st.sampled_from(["staff", "admin"]),
)
def test_creating_users_from_hostile_input(db, admin, username, full_name, password, role):
    before = _counts(db)
    try:
        with db.session() as s:
            made = users.create_user(s, admin, username, full_name, role, password)
    except UserError as exc:
        _explained(exc)
        assert _counts(db) == before  # nothing half-saved
        return
    assert users.authenticate(db, made.username, password).user_id == made.id
    assert _counts(db)[0] == before[0] + 1


@FUZZ
@given(username=HOSTILE, password=HOSTILE)
def test_signing_in_with_hostile_input_is_refused_plainly(db, admin, username, password):
    with pytest.raises(users.LoginFailed) as refused:
        users.authenticate(db, username, password)
    _explained(refused.value)


@FUZZ
@given(organisation=HOSTILE, logo=HOSTILE, username=HOSTILE, full_name=HOSTILE, password=HOSTILE)
def test_welcome_setup_from_hostile_input(
    db, monkeypatch, organisation, logo, username, full_name, password
):
    monkeypatch.setattr(users, "SCRYPT_N", 2**4)
    before = _counts(db)
    try:
        actor = set_up_office(
            db,
            organisation=organisation,
            logo=logo,
            username=username,
            full_name=full_name,
            password=password,
        )
    except UserError as exc:
        _explained(exc)
        assert _counts(db) == before
        return
    assert actor.role == "admin"
    with db.session() as s:  # undo, so the next example starts again from no accounts
        s.query(AuditEvent).delete()
        s.query(Setting).delete()
        s.query(User).delete()


@FUZZ
@given(text=HOSTILE, username=HOSTILE, entity=HOSTILE)
def test_audit_search_with_hostile_words(db, admin, text, username, entity):
    f = audit_log.AuditFilter(username=username, entity=entity, text=text)
    with db.session() as s:
        rows = audit_log.query_audit(s, admin, f)
        assert len(rows) == audit_log.count_audit(s, admin, f)
    if text.strip() in ("%", "_", "%_\\"):
        assert rows == []  # wildcards are matched literally


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=5000), passphrase=HOSTILE)
def test_restoring_random_bytes_is_refused_and_changes_nothing(
    db, admin, tmp_path, data, passphrase
):
    candidate = tmp_path / "stick.sqlite3"
    candidate.write_bytes(data)
    before = _counts(db)
    with pytest.raises(UserError) as refused:
        restore.restore_database(db, candidate, admin, passphrase or None)
    _explained(refused.value)
    assert _counts(db) == before


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=3000))
def test_decrypting_random_bytes_is_refused(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("enc")
    source = folder / "x.mwpbackup"
    source.write_bytes(b"MWP-ENCRYPTED-BACKUP-1\n" + data)
    with pytest.raises(UserError) as refused:
        decrypt_file(source, folder / "out", "a passphrase")
    _explained(refused.value)


@FUZZ
@given(folder=HOSTILE)
def test_second_backup_folder_from_hostile_text(db, folder):
    try:
        with db.session() as s:
            backups.set_second_folder(s, SYSTEM, folder)
    except UserError as exc:
        _explained(exc)
