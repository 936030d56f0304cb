"""The demo's accountability records: men's commitments and their check-ins, women's themes,
the referral directory and a few safeguarding concerns, written with bulk SQL after the groups,
meetings and marks (services/demo/builder.py).

Commitments are made by the men present at the commitments session; each is checked on at up to
three later meetings he attended; men present at the closing session record a next step.
Women's themes are recorded at held women's meetings, never by more women than were there.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Connection, func, insert, select

from ...models import (
    Attendance,
    Commitment,
    CommitmentCheckIn,
    CurriculumSession,
    Group,
    Meeting,
    ReferralService,
    SafeguardingConcern,
    WomenFeedback,
    new_uuid,
)
from . import accountability_data as words

ATTENDED = ("present", "late")
CHECK_INS = 3  # later meetings a commitment is checked on at
PROGRESS = ("kept", "partly", "not_yet", "changed")


def add_accountability_demo(conn: Connection, rng: random.Random, today: date) -> None:
    meetings = _held_meetings(conn)
    present = _present(conn, [m for ms in meetings.values() for m, *_ in ms])
    _commitments(conn, rng, meetings, present)
    _women_themes(conn, rng)
    _concerns(conn, rng, today)


def _held_meetings(conn: Connection) -> dict[int, list[tuple]]:
    """Men's groups' held meetings (not make-ups), by group, in order: (id, number, day,
    commitments made, last session)."""
    every = CurriculumSession.__table__.alias("every_session")
    last = (
        select(func.max(every.c.number))
        .where(every.c.curriculum_id == Group.curriculum_id)
        .correlate(Group)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(Meeting.group_id, Meeting.id, CurriculumSession.number, Meeting.held_date,
               CurriculumSession.commitments_made, last)
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .join(Group, Group.id == Meeting.group_id)
        .where(Group.kind != "women", Meeting.status == "held", Meeting.makeup_of_id.is_(None))
        .order_by(Meeting.group_id, Meeting.held_date)
    )  # fmt: skip
    by_group: dict[int, list[tuple]] = defaultdict(list)
    for group_id, *meeting in rows:
        by_group[group_id].append(tuple(meeting))
    return by_group


def _present(conn: Connection, meeting_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for start in range(0, len(meeting_ids), 500):
        chunk = meeting_ids[start : start + 500]
        for meeting_id, person in conn.execute(
            select(Attendance.meeting_id, Attendance.participant_id)
            .where(Attendance.meeting_id.in_(chunk), Attendance.status.in_(ATTENDED))
            .order_by(Attendance.meeting_id, Attendance.participant_id)
        ):
            found[meeting_id].append(person)
    return found


def _commitments(conn, rng, meetings, present) -> None:
    next_id = (conn.scalar(select(func.max(Commitment.id))) or 0) + 1
    made, checks = [], []
    for group_id, held in meetings.items():
        at = [i for i, (_m, _n, _d, makes, _last) in enumerate(held) if makes]
        if not at:
            continue
        meeting_id, *_ = held[at[0]]
        later = [m for m in held[at[0] + 1 :]]
        checked_at = later[-CHECK_INS:]
        for person in present[meeting_id]:
            for area in rng.sample(list(words.COMMITMENT_WORDS), rng.choice((1, 2, 2, 3))):
                made.append(_commitment(next_id, group_id, person, meeting_id, "commitment", area,
                                        rng.choice(words.COMMITMENT_WORDS[area])))  # fmt: skip
                for step, (check_id, *_rest) in enumerate(checked_at):
                    if person in present[check_id]:
                        weights = (1 + 2 * step, 2, 3 - step, 0.5)  # kept grows over the weeks
                        checks.append({"uuid": new_uuid(), "commitment_id": next_id,
                                       "meeting_id": check_id, "note": "",
                                       "progress": rng.choices(PROGRESS, weights)[0]})  # fmt: skip
                next_id += 1
        closing = [m for m in later if m[1] == m[4]]
        for person in present[closing[0][0]] if closing else ():
            made.append(_commitment(next_id, group_id, person, closing[0][0], "next_step",
                                    "other", rng.choice(words.NEXT_STEPS)))  # fmt: skip
            next_id += 1
    if made:
        conn.execute(insert(Commitment.__table__), made)
    if checks:
        conn.execute(insert(CommitmentCheckIn.__table__), checks)


def _commitment(cid, group_id, person, meeting_id, kind, area, text) -> dict:
    return {"id": cid, "uuid": new_uuid(), "group_id": group_id, "participant_id": person,
            "meeting_id": meeting_id, "kind": kind, "area": area, "words": text}  # fmt: skip


def _women_themes(conn: Connection, rng: random.Random) -> None:
    rows = conn.execute(
        select(Meeting.id, Meeting.marks_present + Meeting.marks_late)
        .join(Group, Group.id == Meeting.group_id)
        .where(Group.kind == "women", Meeting.status == "held")
        .order_by(Meeting.id)
    )
    themes = []
    for meeting_id, present in rows:
        if not present:
            continue
        for theme in rng.sample(list(words.THEME_WORDS), rng.choice((1, 1, 2))):
            themes.append({"uuid": new_uuid(), "meeting_id": meeting_id, "theme": theme,
                           "raised_by": rng.randint(1, min(present, 8)),
                           "summary": rng.choice(words.THEME_WORDS[theme])})  # fmt: skip
    if themes:
        conn.execute(insert(WomenFeedback.__table__), themes)


def _concerns(conn: Connection, rng: random.Random, today: date) -> None:
    conn.execute(
        insert(ReferralService.__table__),
        [{"uuid": new_uuid(), "name": name, "kind": kind, "phone": phone, "place": place,
          "active": True} for name, kind, phone, place in words.REFERRAL_SERVICES],
    )  # fmt: skip
    services = list(conn.scalars(select(ReferralService.id).order_by(ReferralService.id)))
    recent = conn.execute(
        select(Meeting.group_id, Meeting.held_date)
        .where(Meeting.status == "held", Meeting.held_date >= today - timedelta(days=120))
        .order_by(Meeting.held_date.desc(), Meeting.id)
        .limit(200)
    ).all()
    concerns = []
    for group_id, day in rng.sample(recent, min(6, len(recent))):
        status = rng.choice(("open", "referred", "referred", "closed"))
        referred = None if status == "open" else rng.choice(services)
        concerns.append({
            "uuid": new_uuid(), "noted_on": day, "group_id": group_id,
            "kind": rng.choice(("violence_at_home", "threat_to_woman", "child_protection")),
            "referred_to_id": referred, "follow_up_on": day + timedelta(days=rng.choice((7, 14))),
            "status": status, "note": rng.choice(words.CONCERN_NOTES), "recorded_by_id": None,
        })  # fmt: skip
    if concerns:
        conn.execute(insert(SafeguardingConcern.__table__), concerns)
