"""The sessions a man attended in his group, kept on each of his survey responses for that
group, so the dashboard's dose-response chart (sessions attended against change in score)
reads one row per man instead of every mark of every man surveyed.

Counted as the distinct curriculum sessions of the group's meetings he is marked present or
late at (a mark is only taken at a meeting being held). Kept by ORM events as his marks come,
change and go, in the same flush; services/surveys/responses.py counts it when a response is
written, and the demo builder writes it with the rows it makes. A man with no survey response
in the group costs one index look-up per mark."""

from __future__ import annotations

from sqlalchemy import distinct, event, func, select, text
from sqlalchemy.engine import Connection

from ..meetings import Attendance, Meeting
from ..surveys import SurveyResponse, SurveyRound
from .attitude_totals import totals_due
from .orm_events import before_flush_value

SESSIONS_ATTENDED = """
    SELECT count(DISTINCT m.session_id) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
    WHERE a.participant_id = :participant AND m.group_id = :group
      AND a.status IN ('present', 'late')
"""
RECOUNT = text(f"""
    UPDATE survey_responses SET sessions_attended = ({SESSIONS_ATTENDED})
    WHERE participant_id = :participant
      AND round_id IN (SELECT id FROM survey_rounds WHERE group_id = :group)
""")  # fmt: skip
GROUP_OF_MEETING = text("SELECT group_id FROM meetings WHERE id = :meeting")


def recount_sessions_attended(connection: Connection, participant_id: int, group_id: int) -> None:
    written = connection.execute(RECOUNT, {"participant": participant_id, "group": group_id})
    if written.rowcount:  # he has a response in the group: its attitude totals follow
        totals_due(connection, group_id)


def count_sessions_attended(connection: Connection, participant_id: int, group_id: int) -> int:
    return connection.execute(
        text(SESSIONS_ATTENDED), {"participant": participant_id, "group": group_id}
    ).scalar_one()


def _follow(connection: Connection, meeting_id: int | None, participant_id: int | None) -> None:
    if meeting_id is None or participant_id is None:
        return
    group_id = connection.execute(GROUP_OF_MEETING, {"meeting": meeting_id}).scalar()
    if group_id is not None:
        recount_sessions_attended(connection, participant_id, group_id)


@event.listens_for(Attendance, "after_insert")
def _added(_mapper, connection: Connection, mark) -> None:
    _follow(connection, mark.meeting_id, mark.participant_id)


@event.listens_for(Attendance, "after_update")
def _changed(_mapper, connection: Connection, mark) -> None:
    before = (before_flush_value(mark, "meeting_id"), before_flush_value(mark, "participant_id"))
    _follow(connection, mark.meeting_id, mark.participant_id)
    if before != (mark.meeting_id, mark.participant_id):
        _follow(connection, *before)


@event.listens_for(Attendance, "after_delete")
def _removed(_mapper, connection: Connection, mark) -> None:
    _follow(connection, before_flush_value(mark, "meeting_id"),
            before_flush_value(mark, "participant_id"))  # fmt: skip


# Every survey response's sessions attended counted afresh in one grouped query, for the check
# (wrong_counts.py).
RECOUNTED = (
    select(SurveyResponse.id, func.count(distinct(Meeting.session_id)).label("sessions_attended"))
    .join(SurveyRound, SurveyRound.id == SurveyResponse.round_id)
    .join(Meeting, Meeting.group_id == SurveyRound.group_id)
    .join(Attendance, (Attendance.meeting_id == Meeting.id)
          & (Attendance.participant_id == SurveyResponse.participant_id))
    .where(Attendance.status.in_(("present", "late")))
    .group_by(SurveyResponse.id)
)  # fmt: skip
