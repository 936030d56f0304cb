"""Counts stored on the rows they describe, kept right by SQLAlchemy ORM events.

Why: at national scale (4,000 groups, 122,000 enrolments, 62,000 meetings, 1.5 million marks)
the Groups panel and the dashboard cannot count the rows beneath them on every opening or
refresh. Each count is stored on its owner's row instead and written in the same flush, so the
same transaction, as the change it follows: a count is never committed without its change.

What is counted, where it is stored, and what keeps it:

- group_members.py: a group's enrolments whose status is in MEMBER_STATUSES, in
  groups.member_count; enrolments inserted, updated or deleted.
- sessions_held.py: the distinct curriculum sessions of a group's held meetings, in
  groups.sessions_held; meetings inserted, updated or deleted.
- meeting_marks.py: a meeting's attendance marks by status, in meetings.marks_present,
  marks_late, marks_excused and marks_absent; marks inserted, updated or deleted.
- group_held_marks.py: the marks at a group's held meetings, and those present or late, in
  groups.held_marks and held_marks_attended; marks and meetings inserted, updated or deleted.
- enrolment_days.py: enrolments started, ended and first of their person, per group and day,
  in the table enrolment_days; enrolments inserted, updated or deleted (recounting each group
  of the person concerned).
- survey_sessions.py: the sessions a man attended in a group, on his survey responses for it
  (survey_responses.sessions_attended); marks inserted, updated or deleted.
- group_sessions.py: per group and session number, when it was first and last held, its held
  meetings, the men who came and the members on its first day, in the table
  group_session_totals (the dashboard's retention chart); meetings, marks and enrolments
  inserted, updated or deleted, recounted once per flush for each group they touch.
- attitude_totals.py: the men with both attitude rounds of a group scored, summed per group
  and endline day by band before and after (attitude_band_totals) and by sessions attended
  (attitude_dose_totals), for the dashboard's attitude charts; survey responses and rounds
  inserted, updated or deleted, and sessions attended recounted, recounted once per flush for
  each group they touch.

How: members and marks are stepped, +1 for the new owner and status and -1 for the old, by the
mapper events of orm_events.keep_count (after_insert, after_update, after_delete); the old
values are read from the attribute history as they were before the flush. A mark also steps
its meeting's group while that meeting is held. Sessions held cannot be stepped (a make-up of a
session already held adds nothing), so a change of a meeting's group, status or session
recounts the groups it touches, through an index; likewise a meeting's change of group, status
or mark counts recounts the held marks of the groups it touches. A count is derived, not an
edit: the owner's updated_at is left as it was.

Only the ORM's unit of work fires these events. A writer that goes past it (Core or raw SQL,
`session.execute(insert/update/delete(...))`, bulk saves, another program on the server) must
call the recount of each count it touched, in its own transaction: `recount_members` (for every
group or the groups given), `recount_sessions_held`, `recount_enrolment_days` (every group or
the groups given), `recount_attitude_totals` (likewise), `recount_marks` (which recounts the groups'
held marks from the meetings' counts it has just made). The demo builder, the
participant import and the survey score recount do.

`mwp-desktop check` recounts every stored count from the rows it counts (wrong_counts.py: one
grouped query for each kind of count) and names each one that differs.
"""

from .attitude_totals import recount_attitude_totals
from .enrolment_days import recount_enrolment_days
from .group_held_marks import recount_held_marks
from .group_members import recount_members
from .group_sessions import GROUP_SESSION_TOTALS, recount_group_sessions
from .meeting_marks import recount_marks
from .sessions_held import recount_sessions_held
from .survey_sessions import count_sessions_attended, recount_sessions_attended
from .wrong_counts import WrongCount, wrong_counts

__all__ = [
    "GROUP_SESSION_TOTALS",
    "WrongCount",
    "count_sessions_attended",
    "recount_attitude_totals",
    "recount_enrolment_days",
    "recount_sessions_attended",
    "recount_group_sessions",
    "recount_held_marks",
    "recount_marks",
    "recount_members",
    "recount_sessions_held",
    "wrong_counts",
]
