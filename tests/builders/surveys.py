"""Groups whose men answered the GEM Scale at baseline and endline, with their attendance."""

from __future__ import annotations

from datetime import date

from mwp_desktop.services.surveys.responses import replace_response
from mwp_desktop.services.surveys.rounds import open_round

from .accounts import STAFF
from .groups import add_group, add_weekly_meetings
from .marks import add_marks
from .people import add_members
from .places import add_community, add_facilitator

BASELINE, ENDLINE, TODAY = date(2026, 1, 5), date(2026, 4, 20), date(2026, 6, 1)


def uniform(inequitable: int, equitable: int) -> dict[int, int]:
    """Every inequitable statement answered one way, every equitable one another."""
    return {n: inequitable if n <= 17 else equitable for n in range(1, 24)}


NOT_EQUITABLE = uniform(1, 3)  # scores 23
MIDDLE = uniform(2, 2)  # 46
EQUITABLE = uniform(3, 1)  # 69


def add_surveyed_group(db, code, district, leader, men):
    """A men's group meeting every Monday from BASELINE (sixteen sessions, all held, the last on
    ENDLINE) in a town of `district` led by `leader`. men: (baseline answers, endline answers,
    sessions attended) for each man; he answered the baseline on BASELINE, the endline on
    ENDLINE. Returns the group's id."""
    with db.session() as s:
        group = add_group(s, code, community=add_community(s, f"{code} town", district=district),
                          facilitator=add_facilitator(s, leader), start=BASELINE)  # fmt: skip
        people = add_members(s, group, len(men), enrolled_on=date(2026, 1, 1))
        meetings = add_weekly_meetings(s, group, held=16)
        for person, (_before, _after, came) in zip(people, men, strict=True):
            for meeting in meetings[:came]:
                add_marks(s, meeting, {person: "present"})
            for meeting in meetings[came:]:
                add_marks(s, meeting, {person: "absent"})
        ids = [(p.id, group.id) for p in people]
    for (pid, group_id), (before, after, _came) in zip(ids, men, strict=True):
        with db.session() as s:
            for kind, day, answers in (("baseline", BASELINE, before), ("endline", ENDLINE, after)):
                round_id = open_round(s, STAFF, group_id, kind)
                replace_response(s, STAFF, round_id, pid, "given", day, answers, today=TODAY)
    return ids[0][1]
