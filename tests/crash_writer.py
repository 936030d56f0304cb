"""The process the crash-safety test kills: records attendance marks one short transaction at a
time, the way the attendance screen saves them, and prints each mark's id once it is committed.

    python -m tests.crash_writer DATABASE
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from sqlalchemy import func, select

from mwp_desktop.models import Attendance, Enrollment, Group, Meeting
from mwp_desktop.models.database import open_database


def main(path: str) -> None:
    db = open_database(path, create=False)
    with db.session() as s:
        group = s.scalars(select(Group)).first()
        members = list(
            s.scalars(select(Enrollment.participant_id).where(Enrollment.group_id == group.id))
        )
        session_id = s.scalar(
            select(Meeting.session_id).where(Meeting.group_id == group.id).limit(1)
        )
    print("ready", flush=True)
    while True:
        with db.session() as s:
            # A new held meeting, then its marks one by one.
            last = s.scalar(
                select(func.max(Meeting.planned_date)).where(Meeting.group_id == group.id)
            )
            day = (last or date(2026, 1, 1)) + timedelta(days=1)
            meeting = Meeting(
                group_id=group.id,
                session_id=session_id,
                planned_date=day,
                held_date=day,
                status="held",
            )
            s.add(meeting)
            s.flush()
            meeting_id = meeting.id
        for n, participant_id in enumerate(members):
            with db.session() as s:
                mark = Attendance(
                    meeting_id=meeting_id,
                    participant_id=participant_id,
                    status=("present", "late", "absent", "excused")[n % 4],
                )
                s.add(mark)
                s.flush()
                mark_id = mark.id
            # Only now, after the commit, does the "screen" show the mark as saved.
            print(mark_id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
