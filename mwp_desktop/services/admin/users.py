"""User accounts: the first administrator, managing accounts, passwords and signing in.

Passwords are stored only as a salted scrypt hash ("scrypt$n$r$p$salt$hash"): scrypt is
memory-hard, so a stolen database file is slow to attack. Five wrong passwords in a row lock the
account for five minutes; the lock and the failure count are saved even though the sign-in fails.

A refused sign-in says one sentence, whatever the reason (no such name, a wrong password, a
locked or deactivated account), and hashes the password once, as every sign-in does: someone
trying names learns neither which exist nor, from a locked or deactivated account, that a
password was right.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, UserError, ValidationError
from ...models import ROLES, Facilitator, User
from ...models.database import Database
from ..actor import Actor
from ..permissions import ROLE_TITLES, require
from . import audit

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 5
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
USER_FIELDS = ("username", "full_name", "role", "facilitator_id", "active")
LOCK_RULE = (
    f"{MAX_FAILED_LOGINS} wrong passwords in a row lock an account for {LOCK_MINUTES} minutes; "
    "an administrator can unlock it sooner."
)
REFUSED = (
    f"The user name or password is wrong, or the account is locked or deactivated. {LOCK_RULE}"
)


class LoginFailed(UserError):
    """Wrong name or password, a locked account or a deactivated one."""


@dataclass(frozen=True)
class UserSummary:
    id: int
    username: str
    full_name: str
    role: str
    active: bool
    facilitator_id: int | None
    locked_until: datetime | None

    @property
    def role_title(self) -> str:
        return ROLE_TITLES.get(self.role, self.role)


# -- passwords -------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        actual = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    data = unicodedata.normalize("NFC", password).encode("utf-8", "surrogatepass")
    return hashlib.scrypt(data, salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def _no_account_hash() -> str:
    """A stored hash no password matches, at the cost new accounts are hashed with: checked
    against when there is no such account, so that an unknown name takes as long as a known one.
    Made without hashing, or the first unknown name would take twice as long."""
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${'00' * 16}${'00' * 32}"


# -- validation ------------------------------------------------------------------------------


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text)


def clean_username(username: str) -> str:
    return unicodedata.normalize("NFC", str(username)).strip().lower()


def username_problem(username: str) -> str | None:
    name = clean_username(username)
    if not name:
        return "is required"
    if not USERNAME_PATTERN.match(name):
        return "must be 2–40 letters a–z, digits, dots, dashes or underscores, starting with a letter or digit"
    return None


def full_name_problem(full_name: str) -> str | None:
    name = str(full_name).strip()
    if not name:
        return "is required"
    if len(name) > 160:
        return "must be at most 160 characters"
    if _has_control(name):
        return "must not contain control characters"
    return None


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    if not password.strip():
        return "must not be only spaces"
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in password):
        return "must not contain control characters"
    return None


def _validate(
    session: Session,
    problems: dict[str, str | None],
    *,
    username: str | None = None,
    user_id: int | None = None,
) -> None:
    """Raise one ValidationError naming every field that is wrong (a taken name included)."""
    found = {k: v for k, v in problems.items() if v}
    if username and "username" not in found:
        taken = session.scalar(select(User.id).where(User.username == username))
        if taken is not None and taken != user_id:
            found["username"] = f"'{username}' is already taken"
    if found:
        raise ValidationError(found)


# -- reading ---------------------------------------------------------------------------------


def _summary(user: User) -> UserSummary:
    return UserSummary(
        user.id,
        user.username,
        user.full_name,
        user.role,
        bool(user.active),
        user.facilitator_id,
        user.locked_until,
    )


def actor_for(user: User | UserSummary) -> Actor:
    return Actor(user.id, user.username, user.role, user.facilitator_id)


def has_users(session: Session) -> bool:
    return (session.scalar(select(func.count(User.id))) or 0) > 0


def list_users(session: Session, actor: Actor) -> list[UserSummary]:
    require(actor, "users")
    return [_summary(u) for u in session.scalars(select(User).order_by(User.username))]


def facilitator_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the active facilitators, for linking a facilitator's account."""
    rows = session.execute(
        select(Facilitator.id, Facilitator.name)
        .where(Facilitator.active.is_(True))
        .order_by(Facilitator.name)
    )
    return [(fid, name) for fid, name in rows]


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user account number {user_id}.")
    return user


# -- changing --------------------------------------------------------------------------------


def create_first_admin(session: Session, username: str, full_name: str, password: str) -> Actor:
    """The administrator made by the welcome dialog; refused once any account exists."""
    if has_users(session):
        raise UserError("This database already has user accounts; sign in instead.")
    name = clean_username(username)
    _validate(
        session,
        {
            "username": username_problem(username),
            "full_name": full_name_problem(full_name),
            "password": password_problem(password),
        },
        username=name,
    )
    user = User(
        username=name,
        full_name=full_name.strip(),
        role="admin",
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    actor = actor_for(user)
    audit.record(
        session,
        actor,
        "create",
        "user",
        user.id,
        after=audit.snapshot(user, USER_FIELDS),
        summary=f"First administrator {name} created",
    )
    return actor


def create_user(
    session: Session,
    actor: Actor,
    username: str,
    full_name: str,
    role: str,
    password: str,
    facilitator_id: int | None = None,
) -> UserSummary:
    require(actor, "users")
    name = clean_username(username)
    _validate(
        session,
        {
            "username": username_problem(username),
            "full_name": full_name_problem(full_name),
            "role": _role_problem(role),
            "password": password_problem(password),
            "facilitator_id": _facilitator_problem(session, role, facilitator_id),
        },
        username=name,
    )
    user = add_user_row(
        session, actor, name, full_name.strip(), role, password, facilitator_id,
        summary=f"User {name} created ({ROLE_TITLES[role]})",
    )  # fmt: skip
    return _summary(user)


def add_user_row(
    session: Session,
    actor: Actor,
    username: str,
    full_name: str,
    role: str,
    password: str,
    facilitator_id: int | None,
    *,
    summary: str,
) -> User:
    """Save an account already checked (or a documented demo one) and audit it."""
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        password_hash=hash_password(password),
        facilitator_id=facilitator_id if role == "facilitator" else None,
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor, "create", "user", user.id,
        after=audit.snapshot(user, USER_FIELDS), summary=summary,
    )  # fmt: skip
    return user


def update_user(
    session: Session,
    actor: Actor,
    user_id: int,
    *,
    full_name: str,
    role: str,
    facilitator_id: int | None = None,
    active: bool = True,
) -> UserSummary:
    require(actor, "users")
    user = get_user(session, user_id)
    _validate(
        session,
        {
            "full_name": full_name_problem(full_name),
            "role": _role_problem(role),
            "facilitator_id": _facilitator_problem(session, role, facilitator_id),
        },
        user_id=user_id,
    )
    if user.role == "admin" and user.active and (role != "admin" or not active):
        _keep_an_admin(session, user)
    if user.id == actor.user_id and not active:
        raise UserError("You cannot deactivate your own account while signed in with it.")
    before = audit.snapshot(user, USER_FIELDS)
    user.full_name = full_name.strip()
    user.role = role
    user.facilitator_id = facilitator_id if role == "facilitator" else None
    user.active = active
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "user",
        user.id,
        before=before,
        after=audit.snapshot(user, USER_FIELDS),
        summary=f"User {user.username} changed",
    )
    return _summary(user)


def deactivate_user(session: Session, actor: Actor, user_id: int) -> UserSummary:
    """Accounts are deactivated, never deleted, so the audit trail keeps naming them."""
    user = get_user(session, user_id)
    return update_user(
        session,
        actor,
        user_id,
        full_name=user.full_name,
        role=user.role,
        facilitator_id=user.facilitator_id,
        active=False,
    )


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> None:
    """An administrator sets a new password for someone (and lifts any lock)."""
    require(actor, "users")
    user = get_user(session, user_id)
    problem = password_problem(new_password)
    if problem:
        raise ValidationError({"password": problem})
    user.password_hash = hash_password(new_password)
    user.failed_logins = 0
    user.locked_until = None
    audit.record(
        session, actor, "update", "user", user.id, summary=f"Password of {user.username} reset"
    )


def unlock_user(session: Session, actor: Actor, user_id: int) -> None:
    require(actor, "users")
    user = get_user(session, user_id)
    user.failed_logins = 0
    user.locked_until = None
    audit.record(session, actor, "update", "user", user.id, summary=f"{user.username} unlocked")


def change_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    """Anyone signed in changes their own password, giving the old one again."""
    if actor.user_id is None:
        raise UserError("Sign in with your own account to change its password.")
    user = get_user(session, actor.user_id)
    if not verify_password(old_password, user.password_hash):
        raise ValidationError({"old_password": "is not your current password"})
    problem = password_problem(new_password)
    if problem:
        raise ValidationError({"new_password": problem})
    if old_password == new_password:
        raise ValidationError({"new_password": "must differ from the old one"})
    user.password_hash = hash_password(new_password)
    audit.record(session, actor, "update", "user", user.id, summary="Own password changed")


def _role_problem(role: str) -> str | None:
    return None if role in ROLES else f"must be one of {', '.join(ROLE_TITLES.values())}"


def _facilitator_problem(session: Session, role: str, facilitator_id: int | None) -> str | None:
    if role != "facilitator":
        return None
    if facilitator_id is None:
        return "a facilitator account must name the facilitator whose groups it sees"
    if session.get(Facilitator, facilitator_id) is None:
        return "is not a known facilitator"
    return None


def _keep_an_admin(session: Session, user: User) -> None:
    others = session.scalar(
        select(func.count(User.id)).where(
            User.role == "admin", User.active.is_(True), User.id != user.id
        )
    )
    if not others:
        raise UserError("There must always be an active administrator; make another one first.")


# -- signing in ------------------------------------------------------------------------------


def authenticate(db: Database, username: str, password: str, now: datetime | None = None) -> Actor:
    """The signed-in Actor, or LoginFailed with a plain reason.

    Runs its own transaction, committed even when the sign-in fails, so that failures count.
    """
    now = now or datetime.now()
    with db.session() as session:
        actor, message = _check_login(session, clean_username(username), password, now)
    if actor is None:
        raise LoginFailed(message)
    return actor


def record_sign_out(session: Session, actor: Actor) -> None:
    """File → Sign out, in the audit trail beside the sign-in it ends (a "login" event: the
    trail's kinds of event are fixed by the schema)."""
    audit.record(session, actor, "login", "user", actor.user_id, summary="Signed out")


def _check_login(
    session: Session, username: str, password: str, now: datetime
) -> tuple[Actor | None, str]:
    # A name no account can have is not looked up (PostgreSQL refuses some, e.g. NUL).
    valid = username_problem(username) is None
    user = session.scalars(select(User).where(User.username == username)).first() if valid else None
    # Exactly one hash on every path, before anything is decided, so the time says nothing.
    right = verify_password(password, user.password_hash if user else _no_account_hash())
    if user is None:
        return None, REFUSED
    if user.locked_until is not None and user.locked_until > now:
        return None, REFUSED  # tries while locked are not counted: the lock does not grow
    if not right:
        _count_failure(session, user, now)
        return None, REFUSED
    if not user.active:
        return None, REFUSED
    user.failed_logins = 0
    user.locked_until = None
    actor = actor_for(user)
    audit.record(session, actor, "login", "user", user.id, summary="Signed in")
    return actor, ""


def _count_failure(session: Session, user: User, now: datetime) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins < MAX_FAILED_LOGINS:
        return
    user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
    user.failed_logins = 0
    audit.record(
        session,
        actor_for(user),
        "login",
        "user",
        user.id,
        summary=f"Locked for {LOCK_MINUTES} minutes after wrong passwords",
    )
