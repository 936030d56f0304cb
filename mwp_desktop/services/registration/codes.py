"""Participant codes: short, readable aloud, never reused, with a check digit.

A code is "P" + a six-digit serial + one Damm check digit (P0012345 is serial 1234, check 5).
The check digit catches any single wrong digit and any swap of two neighbouring digits, the
mistakes people make reading a code over the phone. Serials come from a counter kept in the
settings table, so a deleted participant's code is never given to someone else.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Participant, Setting

COUNTER_KEY = "participant_code_counter"
LAST_SERIAL = 999_999  # six digits
CODE_PATTERN = re.compile(r"^P(\d{6})(\d)$")

# Damm's totally anti-symmetric quasigroup of order 10.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm_digit(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def participant_code(serial: int) -> str:
    if not 0 < serial <= LAST_SERIAL:
        raise ValueError(f"participant serial out of range: {serial}")
    body = f"{serial:06d}"
    return f"P{body}{damm_digit(body)}"


def is_valid_participant_code(code: str) -> bool:
    match = CODE_PATTERN.match(code.strip().upper())
    return bool(match) and damm_digit(match.group(1) + match.group(2)) == 0


def _given_so_far(session: Session) -> int:
    """The last serial given. Before the counter exists, as many as there are participants."""
    value = session.scalar(select(Setting.value).where(Setting.key == COUNTER_KEY))
    if value is None:
        return session.scalar(select(func.count(Participant.id))) or 0
    return int(value)


def check_codes_left(session: Session, needed: int) -> None:
    """Refuse, in words, to register more people than there are codes left to give them."""
    left = max(0, LAST_SERIAL - _given_so_far(session))
    if needed > left:
        raise UserError(
            f"There are not enough participant codes left: {needed:,} new people need a code, "
            f"and {left:,} codes are left of the {LAST_SERIAL:,} the code format allows. "
            "Nothing was saved; ask for MWP Desktop to be updated."
        )


def hold_participant_codes(session: Session) -> int:
    """Wait until nobody else is giving codes, then hold that until this transaction ends; returns
    the last serial given.

    Two registrations at once (two PCs, an import started twice) would otherwise both read the
    counter, give the same serials and fail on the second save. Updating the counter row takes
    SQLite's write lock, or PostgreSQL's lock on that row, so the second waits for the first to
    commit and then reads what it saved."""
    if session.scalar(select(Setting.id).where(Setting.key == COUNTER_KEY)) is None:
        first = _insert_for(session)(Setting).values(
            key=COUNTER_KEY, value=str(_given_so_far(session))
        )
        session.execute(first.on_conflict_do_nothing(index_elements=["key"]))
    held = (
        update(Setting)
        .where(Setting.key == COUNTER_KEY)
        .values(value=Setting.value)
        .returning(Setting.value)
    )
    return int(session.execute(held).scalar_one())


def _insert_for(session: Session):
    """INSERT … ON CONFLICT DO NOTHING, in the database's own dialect."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def reserve_participant_serials(session: Session, count: int = 1) -> range:
    """Take `count` new serials from the counter; they are used up even if never saved."""
    given = hold_participant_codes(session)
    if count > LAST_SERIAL - given:
        check_codes_left(session, count)
    session.execute(
        update(Setting).where(Setting.key == COUNTER_KEY).values(value=str(given + count))
    )
    return range(given + 1, given + count + 1)


def next_participant_code(session: Session) -> str:
    return participant_code(reserve_participant_serials(session, 1)[0])
