"""Accounts, passwords, signing in and the lock after five wrong passwords."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from mwp_desktop.errors import PermissionDenied, UserError, ValidationError
from mwp_desktop.models import AuditEvent, Facilitator, User
from mwp_desktop.services.admin import users
from mwp_desktop.services.demo.accounts import (
    DEMO_ACCOUNTS,
    add_demo_accounts,
    demo_accounts_to_show,
)

pytestmark = pytest.mark.usefixtures("fast_hashing")


@pytest.fixture
def admin(db):
    with db.session() as s:
        return users.create_first_admin(s, "Fatmata", "Fatmata Sesay", "kissy-road-7")


def test_first_admin_is_made_once_and_can_sign_in(db, admin):
    assert admin.role == "admin" and admin.username == "fatmata"
    with db.session() as s, pytest.raises(UserError, match="already has user accounts"):
        users.create_first_admin(s, "other", "Other", "another-pass")
    assert users.authenticate(db, "  FATMATA ", "kissy-road-7") == admin


def test_password_is_stored_as_salted_scrypt(db, admin):
    with db.session() as s:
        stored = s.scalar(select(User.password_hash))
        assert stored.startswith(f"scrypt${users.SCRYPT_N}$8$1$") and "kissy-road-7" not in stored
        users.create_user(s, admin, "musa", "Musa Kamara", "staff", "kissy-road-7")
        second = s.scalar(select(User.password_hash).where(User.username == "musa"))
    assert second != stored  # a salt per user: the same password hashes differently
    assert users.verify_password("kissy-road-7", stored)
    assert not users.verify_password("kissy-road-8", stored)
    assert not users.verify_password("x", "not-a-hash")


def _refusal(db, username, password, now=None) -> str:
    with pytest.raises(users.LoginFailed) as refused:
        users.authenticate(db, username, password, now=now)
    return str(refused.value)


def test_five_wrong_passwords_lock_for_five_minutes_then_unlock(db, admin):
    now = datetime(2026, 5, 4, 9, 0)
    for _ in range(5):
        _refusal(db, "fatmata", "wrong", now=now)
    with db.session() as s:
        assert s.scalar(select(User.locked_until)) == now + timedelta(minutes=5)
    # Locked: even the right password is refused until the five minutes are over.
    _refusal(db, "fatmata", "kissy-road-7", now=now + timedelta(minutes=4))
    actor = users.authenticate(
        db, "fatmata", "kissy-road-7", now=now + timedelta(minutes=5, seconds=1)
    )
    assert actor.user_id == admin.user_id


def test_administrator_can_lift_a_lock(db, admin):
    with db.session() as s:
        staff = users.create_user(s, admin, "musa", "Musa Kamara", "staff", "musa-pass-1")
    for _ in range(5):
        _refusal(db, "musa", "nope")
    _refusal(db, "musa", "musa-pass-1")
    with db.session() as s:
        users.unlock_user(s, admin, staff.id)
    assert users.authenticate(db, "musa", "musa-pass-1").role == "staff"


def test_every_refused_sign_in_says_the_same_and_hashes_once(db, admin, monkeypatch):
    """Whoever tries names must not learn which exist, which are locked or deactivated, or that
    a password was right: one message, and one password hash each (the time it takes)."""
    with db.session() as s:
        staff = users.create_user(s, admin, "musa", "Musa Kamara", "staff", "musa-pass-1")
        users.create_user(s, admin, "kadi", "Kadi Bangura", "staff", "kadi-pass-1")
        users.deactivate_user(s, admin, staff.id)
    now = datetime(2026, 5, 4, 9, 0)
    for _ in range(5):
        _refusal(db, "kadi", "nope", now=now)
    hashes = []
    real_scrypt = users._scrypt
    monkeypatch.setattr(users, "_scrypt", lambda *a: hashes.append(1) or real_scrypt(*a))
    tries = {
        "unknown name": ("nobody", "whatever-1"),
        "name no account can have": ("no body\x00", "whatever-1"),
        "wrong password": ("fatmata", "not-the-one"),
        "locked, right password": ("kadi", "kadi-pass-1"),
        "locked, wrong password": ("kadi", "nope"),
        "deactivated, right password": ("musa", "musa-pass-1"),
        "deactivated, wrong password": ("musa", "nope"),
    }
    messages, hashed = {}, {}
    for what, (username, password) in tries.items():
        hashes.clear()
        messages[what] = _refusal(db, username, password, now=now + timedelta(minutes=1))
        hashed[what] = len(hashes)
    assert len(set(messages.values())) == 1, messages
    assert "locked" in messages["unknown name"] and "administrator" in messages["unknown name"]
    assert hashed == dict.fromkeys(tries, 1)
    hashes.clear()
    users.authenticate(db, "fatmata", "kissy-road-7")
    assert len(hashes) == 1  # a sign-in that succeeds costs the same one hash


def test_the_try_that_locks_says_the_same_as_any_wrong_password(db, admin):
    now = datetime(2026, 5, 4, 9, 0)
    said = {_refusal(db, "fatmata", "wrong", now=now) for _ in range(5)}
    said.add(_refusal(db, "nobody", "wrong", now=now))
    assert len(said) == 1


def test_change_own_password(db, admin):
    with db.session() as s, pytest.raises(ValidationError) as wrong:
        users.change_password(s, admin, "not-it", "brand-new-pass")
    assert "old_password" in wrong.value.fields
    with db.session() as s, pytest.raises(ValidationError, match="at least 8"):
        users.change_password(s, admin, "kissy-road-7", "short")
    with db.session() as s:
        users.change_password(s, admin, "kissy-road-7", "brand-new-pass")
    with pytest.raises(users.LoginFailed):
        users.authenticate(db, "fatmata", "kissy-road-7")
    assert users.authenticate(db, "fatmata", "brand-new-pass") == admin


def test_validation_messages_name_each_field(db, admin):
    with db.session() as s, pytest.raises(ValidationError) as err:
        users.create_user(s, admin, "a b", "", "boss", "short")
    assert set(err.value.fields) == {"username", "full_name", "role", "password"}
    with db.session() as s, pytest.raises(ValidationError, match="already taken"):
        users.create_user(s, admin, "FATMATA", "Someone", "staff", "long-enough")


def test_facilitator_account_must_name_a_facilitator(db, admin):
    with db.session() as s:
        with pytest.raises(ValidationError, match="facilitator"):
            users.create_user(s, admin, "joseph", "Joseph Kanu", "facilitator", "long-enough")
        f = Facilitator(name="Joseph Kanu", sex="M")
        s.add(f)
        s.flush()
        made = users.create_user(
            s, admin, "joseph", "Joseph Kanu", "facilitator", "long-enough", f.id
        )
    assert users.authenticate(db, "joseph", "long-enough").facilitator_id == made.facilitator_id


def test_there_is_always_an_active_administrator(db, admin):
    with db.session() as s, pytest.raises(UserError, match="always be an active administrator"):
        users.update_user(s, admin, admin.user_id, full_name="F S", role="staff")
    with db.session() as s:
        other = users.create_user(s, admin, "second", "Second Admin", "admin", "long-enough")
    with db.session() as s, pytest.raises(UserError, match="your own account"):
        users.deactivate_user(s, admin, admin.user_id)
    with db.session() as s:
        users.deactivate_user(s, admin, other.id)


def test_only_administrators_manage_users(db, admin):
    with db.session() as s:
        staff = users.create_user(s, admin, "musa", "Musa Kamara", "staff", "musa-pass-1")
    actor = users.authenticate(db, "musa", "musa-pass-1")
    with db.session() as s, pytest.raises(PermissionDenied, match="Office staff accounts cannot"):
        users.create_user(s, actor, "x1", "X", "admin", "long-enough")
    with db.session() as s, pytest.raises(PermissionDenied):
        users.reset_password(s, actor, staff.id, "long-enough")


def test_every_change_to_accounts_is_in_the_audit_trail(db, admin):
    with db.session() as s:
        staff = users.create_user(s, admin, "musa", "Musa Kamara", "staff", "musa-pass-1")
        users.update_user(s, admin, staff.id, full_name="Musa B. Kamara", role="supervisor")
        users.reset_password(s, admin, staff.id, "reset-pass-2")
    users.authenticate(db, "musa", "reset-pass-2")
    with db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "user")).all()
    kinds = [(e.username, e.action) for e in events]
    assert kinds == [
        ("fatmata", "create"),
        ("fatmata", "create"),
        ("fatmata", "update"),
        ("fatmata", "update"),
        ("musa", "login"),
    ]
    update = events[2]
    assert '"role": "staff"' in update.before and '"role": "supervisor"' in update.after
    assert "password" not in (update.before + update.after)


def test_demo_accounts_one_per_role_shown_only_on_demo_databases(db):
    with db.session() as s:
        assert demo_accounts_to_show(s) == ()
        s.add(Facilitator(name="Joseph Kanu", sex="M"))
        s.flush()
        added = add_demo_accounts(s)
        assert add_demo_accounts(s) == []  # idempotent
        shown = demo_accounts_to_show(s)
    assert sorted(added) == sorted(a.username for a in DEMO_ACCOUNTS)
    assert {a.role for a in shown} == {"admin", "supervisor", "staff", "facilitator"}
    for account in DEMO_ACCOUNTS:
        assert users.authenticate(db, account.username, account.password).role == account.role
