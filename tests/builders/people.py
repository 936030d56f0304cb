"""Participants and their memberships of groups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mwp_desktop.models import Enrollment, Group, Participant
from mwp_desktop.services.registration.codes import next_participant_code
from mwp_desktop.services.registration.validation import name_key

from ._ids import id_of

# Cycled through by `add_members`: the database's first man is Mohamed Kamara, the second
# Ibrahim Sesay, and so on.
FIRST_NAMES = ("Mohamed", "Ibrahim", "Abu", "Sorie", "Alusine", "Foday", "Sahr", "Musa")
LAST_NAMES = ("Kamara", "Sesay", "Conteh", "Bangura", "Koroma", "Turay")


def add_participant(
    session: Session,
    first: str = "Mohamed",
    last: str = "Kamara",
    *,
    code: str | None = None,
    sex: str = "M",
    born: int | None = None,
    phone: str | None = None,
    community=None,
) -> Participant:
    """A registered man (or woman, with sex="F"); his code is the next one the office would
    give unless `code` says otherwise. `phone` is stored as given (+232…)."""
    row = Participant(
        code=code or next_participant_code(session),
        first_name=first,
        last_name=last,
        name_key=name_key(first, last),
        sex=sex,
        birth_year=born,
        phone=phone,
        community_id=id_of(community),
    )
    session.add(row)
    session.flush()
    return row


def add_membership(
    session: Session,
    person,
    group,
    *,
    enrolled_on: date | None = None,
    status: str = "active",
    ended_on: date | None = None,
    transferred_to=None,
) -> Enrollment:
    """`person` enrolled in `group`, from its start date unless `enrolled_on` says."""
    if enrolled_on is None:
        enrolled_on = session.get(Group, id_of(group)).start_date
    row = Enrollment(
        participant_id=id_of(person),
        group_id=id_of(group),
        enrolled_on=enrolled_on,
        status=status,
        ended_on=ended_on,
        transferred_to_group_id=id_of(transferred_to),
    )
    session.add(row)
    session.flush()
    return row


def add_members(session: Session, group, count: int, *, enrolled_on: date | None = None):
    """`count` men, each with a phone, enrolled in `group` (from its start unless `enrolled_on`
    says), named after FIRST_NAMES and LAST_NAMES. Returns them in order."""
    made = []
    for _ in range(count):
        serial = (session.scalar(select(func.count(Participant.id))) or 0) + 1
        man = add_participant(
            session,
            FIRST_NAMES[(serial - 1) % len(FIRST_NAMES)],
            LAST_NAMES[(serial - 1) % len(LAST_NAMES)],
            phone=f"+23276{serial:06d}",
        )
        add_membership(session, man, group, enrolled_on=enrolled_on)
        made.append(man)
    return made


def numbered_surname(n: int) -> str:
    """A different surname for each n (Kamara-a, Kamara-b, … Kamara-ba …), for lists of many
    men: made of letters, since a name holds no digits."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(97 + digit) + letters
        if n == 0:
            return f"Kamara-{letters}"
