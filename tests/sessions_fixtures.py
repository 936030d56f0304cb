"""A group three weeks into its schedule, and a window on screen, for the Sessions panel's tests."""

from __future__ import annotations

from datetime import date, timedelta

from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.agenda import week_start
from tests.attendance_fixtures import STAFF, make_group

# Three weeks ago on Monday: meetings 1 to 3 are past and still planned (overdue).
START = week_start(date.today()) - timedelta(weeks=3)


def scheduled_group(db, code: str = "WR-001") -> tuple[int, list[int], list[int]]:
    """Four members since START and sixteen weekly meetings from START: (group id, participant
    ids, meeting ids in order)."""
    with db.session() as s:
        group_id, people = make_group(s, code=code, start=START, members=4, enrolled_on=START)
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(16)]
        )
    return group_id, people, ids


def on_screen(qtbot, widget, size: tuple[int, int] = (1300, 760)):
    """The widget shown and active: shortcuts such as Ctrl+T go to the active window."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget
