"""One documented account per role, for demo databases only.

The passwords are printed in the README and on the sign-in dialog of a demo database, so they must
never exist in real office data: the accounts are added only by the demo generator, and the
database is marked as a demo so the sign-in dialog knows it may list them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Facilitator, Setting, User
from ..actor import SYSTEM, Actor
from ..admin.users import add_user_row

DEMO_MARK_KEY = "demo_database"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    full_name: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "demo-admin", "admin", "Demo Administrator"),
    DemoAccount("supervisor", "demo-supervisor", "supervisor", "Demo Supervisor"),
    DemoAccount("staff", "demo-staff", "staff", "Demo Office Staff"),
    DemoAccount("facilitator", "demo-facilitator", "facilitator", "Demo Facilitator"),
)


def add_demo_accounts(session: Session, actor: Actor = SYSTEM) -> list[str]:
    """Add the demo accounts that are missing and mark the database as a demo; returns the
    usernames added. The facilitator account sees the groups of the first facilitator.
    `actor` is who the audit trail names: the program itself for a new demo database, the
    signed-in administrator when demo data goes into a database that has accounts."""
    existing = set(session.scalars(select(User.username)))
    first_facilitator = session.scalar(select(Facilitator.id).order_by(Facilitator.id).limit(1))
    added = []
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            continue
        if account.role == "facilitator" and first_facilitator is None:
            continue  # nobody's groups to show yet
        add_user_row(
            session, actor, account.username, account.full_name, account.role,
            account.password, first_facilitator, summary="Demo account",
        )  # fmt: skip
        added.append(account.username)
    if session.scalars(select(Setting).where(Setting.key == DEMO_MARK_KEY)).first() is None:
        session.add(Setting(key=DEMO_MARK_KEY, value="true"))
    session.flush()
    return added


def is_demo_database(session: Session) -> bool:
    row = session.scalars(select(Setting).where(Setting.key == DEMO_MARK_KEY)).first()
    return row is not None and row.value == "true"


def demo_accounts_to_show(session: Session) -> tuple[DemoAccount, ...]:
    """The accounts the sign-in dialog may list: only on a demo database, never on real data."""
    if not is_demo_database(session):
        return ()
    present = set(session.scalars(select(User.username).where(User.active.is_(True))))
    return tuple(a for a in DEMO_ACCOUNTS if a.username in present)
