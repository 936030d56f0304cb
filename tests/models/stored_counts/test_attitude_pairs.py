"""Each man's attitude pair (both totals, their bands, his sessions attended) follows every
change of his answers, his consent and his marks, and equals the men the group summary lists
from the responses (paired_changes, scored by the published band rule); `check` names a pair
written wrong past the ORM, and the recount puts it right."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from mwp_desktop.models import Meeting, SurveyRound
from mwp_desktop.models.stored_counts import recount_attitude_pairs
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
KEPT = (
    "SELECT group_id, participant_id, ended_on, before_tenths, after_tenths, before_band, "
    "after_band, attended FROM attitude_pairs"
)


def kept(db) -> dict[tuple[int, int], tuple]:
    with db.engine.connect() as conn:
        return {
            (group, man): (str(day), first, last, band, last_band, attended)
            for group, man, day, first, last, band, last_band, attended in conn.execute(text(KEPT))
        }


def listed(db) -> dict[tuple[int, int], tuple]:
    """The men the group summary pairs from the responses, every endline so far."""
    with db.session() as s:
        return {
            (m.group_id, m.participant_id): (
                str(ENDLINE), round(m.before * 10), round(m.after * 10), m.before_band,
                m.after_band, m.attended,
            )
            for m in paired_changes(s, EVER)
        }  # fmt: skip


def _round(db, group: int, kind: str) -> int:
    with db.session() as s:
        return s.scalar(
            select(SurveyRound.id).where(SurveyRound.group_id == group, SurveyRound.kind == kind)
        )


def test_pairs_follow_answers_consent_and_marks(db):
    group = add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [
        (NOT_EQUITABLE, EQUITABLE, 16),
        (MIDDLE, EQUITABLE, 12),
        (MIDDLE, MIDDLE, 4),
    ])  # fmt: skip
    other = add_surveyed_group(db, "BO-001", "Bo", "Musa Bangura", [(EQUITABLE, MIDDLE, 4)])
    pairs = kept(db)
    assert pairs == listed(db)
    men = sorted(man for g, man in pairs if g == group)
    assert pairs[(group, men[0])] == ("2026-04-20", 230, 690, "Low equity", "High equity", 16)
    assert pairs[(group, men[2])][1:] == (460, 460, "Moderate equity", "Moderate equity", 4)

    endline = _round(db, group, "endline")
    with db.session() as s:  # his endline answered again: a lower score, another band
        replace_response(s, STAFF, endline, men[1], "given", ENDLINE, uniform(1, 3), today=TODAY)
    assert kept(db)[(group, men[1])][1:] == (460, 230, "Moderate equity", "Low equity", 12)
    assert kept(db) == listed(db)

    with db.session() as s:  # a session he missed, corrected to present
        meetings = s.scalars(
            select(Meeting.id).where(Meeting.group_id == group).order_by(Meeting.planned_date)
        ).all()
        set_mark(s, ADMIN, meetings[15], men[2], "present", today=TODAY)
    assert kept(db)[(group, men[2])][-1] == 5
    assert kept(db) == listed(db)

    with db.session() as s:  # he takes back his consent to the endline: no pair any more
        record_consent(s, STAFF, endline, men[0], "refused", ENDLINE, today=TODAY)
    assert (group, men[0]) not in kept(db)
    assert kept(db) == listed(db)
    assert [g for g, _man in kept(db)].count(other) == 1
    assert database_problems(db) == []


def test_a_pair_written_wrong_past_the_orm_is_named_and_recounted(db):
    group = add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [
        (MIDDLE, EQUITABLE, 12),
        (MIDDLE, MIDDLE, 4),
    ])  # fmt: skip
    right = kept(db)
    (first, man), (_g, gone) = sorted(right)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE attitude_pairs SET attended = 9, after_band = NULL "
                          "WHERE participant_id = :m"), {"m": man})  # fmt: skip
        conn.execute(text("DELETE FROM attitude_pairs WHERE participant_id = :m"), {"m": gone})
    assert database_problems(db) == [
        f"attitude_pairs.after_band (participant {man}) of id {first} is stored as no band, "
        "recounted High equity",
        f"attitude_pairs.attended (participant {man}) of id {first} is stored as 9, recounted 12",
        *(
            f"attitude_pairs.{column} (participant {gone}) of id {group} is stored as nothing, "
            f"recounted {value}"
            for column, value in zip(
                ("ended_on", "before_tenths", "after_tenths", "before_band", "after_band",
                 "attended"),
                ("2026-04-20", 460, 460, "Moderate equity", "Moderate equity", 4),
                strict=True,
            )
        ),
    ]  # fmt: skip
    with db.engine.begin() as conn:
        recount_attitude_pairs(conn, [group])
    assert kept(db) == right
    assert database_problems(db) == []
