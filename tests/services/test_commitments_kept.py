"""How many commitments are kept at their latest check-in, per area and per group: the latest
is the check-in of the latest meeting, a make-up held after its session included."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from mwp_desktop.models import Meeting
from mwp_desktop.services.sessions.commitments import check_in, make_commitment
from mwp_desktop.services.statistics.commitments_kept import (
    AreaKept,
    kept_by_area,
    kept_by_group_and_area,
)
from mwp_desktop.services.statistics.dashboard import dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.services.statistics.summary_export import summary_tables
from tests.builders.accounts import STAFF
from tests.builders.marks import add_held_group

TODAY = date(2026, 5, 1)


def test_commitments_are_counted_by_their_latest_check_in(db):
    group_id, men, meetings = add_held_group(db, ["PPPPPAPP", "P" * 8, "P" * 8], today=TODAY,
                                             makeups={5: [0]})  # fmt: skip
    other_id, others, other_meetings = add_held_group(db, ["P" * 8], code="WR-002", today=TODAY)
    with db.session() as s:
        makeup = s.scalar(select(Meeting.id).where(Meeting.makeup_of_id == meetings[5]))

        def made(meeting, man, area):
            return make_commitment(s, STAFF, meeting, man, area, "words", today=TODAY)

        first = made(meetings[4], men[0], "housework_care")
        second = made(meetings[4], men[1], "housework_care")
        third = made(meetings[4], men[2], "non_violence")
        made(other_meetings[4], others[0], "housework_care")  # never checked on
        check_in(s, STAFF, first, meetings[6], "not_yet", today=TODAY)
        check_in(s, STAFF, first, makeup, "kept", today=TODAY)  # before session 7: not latest
        check_in(s, STAFF, second, meetings[5], "kept", today=TODAY)
        check_in(s, STAFF, second, meetings[7], "partly", today=TODAY)
        check_in(s, STAFF, third, meetings[7], "kept", today=TODAY)
        everything = DashboardFilter(today=TODAY)
        by_area = kept_by_area(s, everything)
        by_group = kept_by_group_and_area(s, everything)
        exported = {t.title: t.rows for t in summary_tables(dashboard(s, everything))}
    assert by_area == (
        AreaKept("Sharing housework and care", partly=1, not_yet=1, unchecked=1),
        AreaKept("Non-violence", kept=1),
    )
    assert by_group == (
        AreaKept("WR-001 · Sharing housework and care", partly=1, not_yet=1),
        AreaKept("WR-001 · Non-violence", kept=1),
        AreaKept("WR-002 · Sharing housework and care", unchecked=1),
    )
    assert by_area[1].kept_share == 1.0 and by_area[0].kept_share == 0.0
    assert exported["Commitments by area"] == (
        ("Sharing housework and care", 0, 1, 1, 0, 1, 3, 0.0),
        ("Non-violence", 1, 0, 0, 0, 0, 1, 100.0),
    )
    assert len(exported["Commitments by group"]) == 3
