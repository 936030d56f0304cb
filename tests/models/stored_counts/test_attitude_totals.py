"""The attitude totals kept per group and endline day (by band before and after, and by
sessions attended) follow every change of the men's answers, consent and marks, and equal the
men the group summary lists from the responses (paired_changes, scored by the published band
rule) summed plainly here; `check` names a row written wrong past the ORM, and the recount
puts it right."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select, text

from mwp_desktop.models import Meeting, SurveyRound
from mwp_desktop.models.stored_counts import recount_attitude_totals
from mwp_desktop.services.admin.integrity import database_problems
from mwp_desktop.services.sessions.attendance import set_mark
from mwp_desktop.services.statistics.attitude_change import paired_changes
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.services.surveys.responses import record_consent, replace_response
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.surveys import (
    ENDLINE,
    EQUITABLE,
    MIDDLE,
    NOT_EQUITABLE,
    TODAY,
    add_surveyed_group,
    uniform,
)

EVER = DashboardFilter(date_from=date(2000, 1, 1), date_to=TODAY, today=TODAY)
BANDS = "SELECT * FROM attitude_band_totals"
DOSES = "SELECT * FROM attitude_dose_totals"


def kept(db) -> tuple[dict, dict]:
    with db.engine.connect() as conn:
        bands = {
            (group, str(day), first, last): tuple(counts)
            for group, day, first, last, *counts in conn.execute(text(BANDS))
        }
        doses = {
            (group, str(day), attended): tuple(counts)
            for group, day, attended, *counts in conn.execute(text(DOSES))
        }
    return bands, doses


def summed_plainly(db) -> tuple[dict, dict]:
    """The men the group summary pairs from the responses (every endline so far, all on
    ENDLINE), summed by hand: men, both sums in tenths, how many rose, each side's lowest."""
    with db.session() as s:
        men = paired_changes(s, EVER)
    bands, doses = defaultdict(list), defaultdict(list)
    for m in men:
        first, last = round(m.before * 10), round(m.after * 10)
        day = str(ENDLINE)
        bands[(m.group_id, day, m.before_band or "", m.after_band or "")].append((first, last))
        doses[(m.group_id, day, m.attended)].append(last - first)
    return (
        {
            key: (len(pairs), sum(a for a, _ in pairs), sum(b for _, b in pairs),
                  sum(1 for a, b in pairs if b > a), min(a for a, _ in pairs),
                  min(b for _, b in pairs))
            for key, pairs in bands.items()
        },
        {key: (len(changes), sum(changes)) for key, changes in doses.items()},
    )  # fmt: skip


def _round(db, group: int, kind: str) -> int:
    with db.session() as s:
        return s.scalar(
            select(SurveyRound.id).where(SurveyRound.group_id == group, SurveyRound.kind == kind)
        )


def test_totals_follow_answers_consent_and_marks(db):
    group = add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [
        (NOT_EQUITABLE, EQUITABLE, 16),  # 23 -> 69
        (MIDDLE, EQUITABLE, 12),  # 46 -> 69
        (MIDDLE, MIDDLE, 4),  # 46 -> 46
    ])  # fmt: skip
    other = add_surveyed_group(db, "BO-001", "Bo", "Musa Bangura", [(EQUITABLE, MIDDLE, 4)])
    day = str(ENDLINE)
    bands, doses = kept(db)
    assert (bands, doses) == summed_plainly(db)
    assert bands[(group, day, "Low equity", "High equity")] == (1, 230, 690, 1, 230, 690)
    assert bands[(group, day, "Moderate equity", "High equity")] == (1, 460, 690, 1, 460, 690)
    assert bands[(group, day, "Moderate equity", "Moderate equity")] == (1, 460, 460, 0, 460, 460)
    assert doses[(group, day, 16)] == (1, 460) and doses[(group, day, 4)] == (1, 0)
    assert bands[(other, day, "High equity", "Moderate equity")] == (1, 690, 460, 0, 690, 460)
    men = sorted(m.participant_id for m in _men(db) if m.group_id == group)

    endline = _round(db, group, "endline")
    with db.session() as s:  # the second man's endline answered again: lower, another band
        replace_response(s, STAFF, endline, men[1], "given", ENDLINE, uniform(1, 3), today=TODAY)
    bands, doses = kept(db)
    assert bands[(group, day, "Moderate equity", "Low equity")] == (1, 460, 230, 0, 460, 230)
    assert (group, day, "Moderate equity", "High equity") not in bands
    assert doses[(group, day, 12)] == (1, -230)
    assert (bands, doses) == summed_plainly(db)

    with db.session() as s:  # a session the third man missed, corrected to present
        meetings = s.scalars(
            select(Meeting.id).where(Meeting.group_id == group).order_by(Meeting.planned_date)
        ).all()
        set_mark(s, ADMIN, meetings[15], men[2], "present", today=TODAY)
    bands, doses = kept(db)
    assert doses[(group, day, 5)] == (1, 0) and (group, day, 4) not in doses
    assert (bands, doses) == summed_plainly(db)

    with db.session() as s:  # the first takes back his consent to the endline: not counted
        record_consent(s, STAFF, endline, men[0], "refused", ENDLINE, today=TODAY)
    bands, doses = kept(db)
    assert (group, day, "Low equity", "High equity") not in bands
    assert (group, day, 16) not in doses
    assert (bands, doses) == summed_plainly(db)
    assert database_problems(db) == []


def test_totals_written_wrong_past_the_orm_are_named_and_recounted(db):
    group = add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [
        (MIDDLE, EQUITABLE, 12),
        (MIDDLE, MIDDLE, 4),
    ])  # fmt: skip
    right = kept(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE attitude_band_totals SET men = 3, lowest_after = 0 "
                          "WHERE after_band = 'High equity'"))  # fmt: skip
        conn.execute(text("DELETE FROM attitude_dose_totals WHERE attended = 4"))
    assert database_problems(db) == [
        f"attitude_band_totals.men (ended 2026-04-20, Moderate equity to High equity) of id "
        f"{group} is stored as 3, recounted 1",
        f"attitude_band_totals.lowest_after (ended 2026-04-20, Moderate equity to High equity) "
        f"of id {group} is stored as 0, recounted 690",
        f"attitude_dose_totals.men (ended 2026-04-20, 4 sessions) of id {group} is stored as "
        "nothing, recounted 1",
        f"attitude_dose_totals.change_tenths (ended 2026-04-20, 4 sessions) of id {group} is "
        "stored as nothing, recounted 0",
    ]
    with db.engine.begin() as conn:
        recount_attitude_totals(conn, [group])
    assert kept(db) == right
    assert database_problems(db) == []


def _men(db):
    with db.session() as s:
        return paired_changes(s, EVER)
