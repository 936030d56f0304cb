"""The dashboard's daily attendance, retention by session and facilitator figures on a built
demo office (with a make-up, a session held before its group's start, transfers, drop-outs and
young groups), under every filter, against the definitions worked out plainly here from the
meetings, marks and enrolments themselves.

Whatever the dashboard keeps or indexes to be quick, what it shows must equal this."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mwp_desktop.models import (
    Attendance,
    Community,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
)
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.registration import enrollments
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import set_mark
from mwp_desktop.services.statistics.charts import facilitator_figures
from mwp_desktop.services.statistics.dashboard import dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter, daily_attendance
from mwp_desktop.services.statistics.retention import retention_by_session
from tests.builders.accounts import STAFF
from tests.builders.groups import add_group, add_meeting
from tests.builders.marks import add_marks
from tests.builders.people import add_members

TODAY = date(2026, 6, 1)
ATTENDED = ("present", "late")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The small demo, and beside it a group that started in the default period but held its
    first session three days before the period began, and its third on either side of 15 March
    (its kept figures straddle a period)."""
    from mwp_desktop.services.admin.database import open_for_use

    db = open_for_use(str(tmp_path_factory.mktemp("office") / "office.sqlite3"))
    build_demo(db, "small", 1, today=TODAY)
    period_start, _ = DashboardFilter(today=TODAY).period()
    with db.session() as s:
        early = add_group(s, "EARLY-1", start=period_start + timedelta(days=4))
        men = [m.id for m in add_members(s, early, 4, enrolled_on=period_start - timedelta(7))]
        first = add_meeting(s, early, 1, period_start - timedelta(days=3), status="held")
        add_marks(s, first, {men[0]: "present", men[1]: "late", men[2]: "absent"})
        second = add_meeting(s, early, 2, period_start + timedelta(days=4), status="held")
        add_marks(s, second, {men[0]: "present", men[3]: "present", men[1]: "excused"})
        again = add_meeting(s, early, 1, period_start + timedelta(days=6), status="held",
                            makeup_of=first)  # fmt: skip
        add_marks(s, again, {men[0]: "present", men[2]: "present"})
        # Session 3 on 14 March 2026 and its make-up on the 17th, across the end of a period.
        third = add_meeting(s, early, 3, date(2026, 3, 14), status="held")
        add_marks(s, third, {men[0]: "present", men[2]: "late", men[3]: "absent"})
        late = add_meeting(s, early, 3, date(2026, 3, 17), status="held", makeup_of=third)
        add_marks(s, late, {men[3]: "present", men[0]: "present"})
        # One of them transferred to another men's group between the two.
        elsewhere = s.scalar(
            select(Group.id).where(
                Group.kind == "men", Group.status == "active", Group.id != early.id
            )
        )
        enrollments.transfer(s, STAFF, men[1], elsewhere, on=period_start + timedelta(days=5))
    # A make-up in a demo group: some of its men at both meetings of the session.
    with db.session() as s:
        meeting = s.scalars(
            select(Meeting)
            .join(Group, Group.id == Meeting.group_id)
            .where(Meeting.status == "held", Group.start_date >= period_start)
            .order_by(Meeting.held_date.desc())
        ).first()
        came = s.scalars(
            select(Attendance.participant_id).where(Attendance.meeting_id == meeting.id)
        ).all()
        day = meeting.held_date + timedelta(days=1)
        makeup = scheduling.add_makeup(s, STAFF, meeting.id, day)
        scheduling.mark_held(s, STAFF, makeup, day, today=TODAY)
        for pid in came[:3]:
            set_mark(s, STAFF, makeup, pid, "present", today=TODAY)
    yield db
    db.close()


# ---------------------------------------------------------------- the rows, read plainly


def rows(db) -> dict:
    with db.session() as s:
        return {
            "groups": {
                gid: {"district": district or "No district", "community": cid, "kind": kind,
                      "leads": {lead, co}, "lead": lead, "start": start}
                for gid, district, cid, kind, lead, co, start in s.execute(
                    select(Group.id, Community.district, Group.community_id, Group.kind,
                           Group.facilitator_id, Group.co_facilitator_id, Group.start_date)
                    .join(Community, Community.id == Group.community_id)
                )
            },
            "meetings": s.execute(
                select(Meeting.id, Meeting.group_id, Meeting.held_date, Meeting.planned_date,
                       Meeting.facilitator_id, CurriculumSession.number)
                .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
                .where(Meeting.status == "held")
            ).all(),
            "marks": s.execute(
                select(Attendance.meeting_id, Attendance.participant_id, Attendance.status)
            ).all(),
            "enrolments": s.execute(
                select(Enrollment.group_id, Enrollment.enrolled_on, Enrollment.ended_on,
                       Enrollment.status)
            ).all(),
            "names": dict(s.execute(select(Facilitator.id, Facilitator.name)).all()),
        }  # fmt: skip


def kept_groups(data, f: DashboardFilter) -> set[int]:
    def keeps(g) -> bool:
        return (
            (f.district is None or g["district"] == f.district)
            and (f.community_id is None or g["community"] == f.community_id)
            and (f.group_kind is None or g["kind"] == f.group_kind)
            and (f.facilitator_id is None or f.facilitator_id in g["leads"])
            and (f.cohort_year is None or (g["start"] and g["start"].year == f.cohort_year))
        )

    return {gid for gid, g in data["groups"].items() if keeps(g)}


def held_in(data, f: DashboardFilter, start: date, end: date):
    groups = kept_groups(data, f)
    return [m for m in data["meetings"] if m[1] in groups and start <= m[2] <= end]


def marks_of(data) -> dict[int, list[tuple[int, str]]]:
    by_meeting = defaultdict(list)
    for meeting_id, participant_id, status in data["marks"]:
        by_meeting[meeting_id].append((participant_id, status))
    return by_meeting


def plain_days(data, f, start, end) -> list[tuple]:
    """Per day held: meetings, groups, marks, and marks of each status."""
    marks, days = marks_of(data), defaultdict(list)
    for meeting in held_in(data, f, start, end):
        days[meeting[2]].append(meeting)
    result = []
    for day, meetings in sorted(days.items()):
        statuses = [status for m in meetings for _pid, status in marks[m[0]]]
        result.append(
            (day, len(meetings), len({m[1] for m in meetings}), len(statuses),
             *(statuses.count(s) for s in ("present", "late", "excused", "absent")))
        )  # fmt: skip
    return result


def plain_facilitators(data, f) -> list[tuple]:
    """Per leader (who led it, else the group's facilitator): meetings, on the planned day,
    marks, present or late; most meetings first, then by name."""
    start, end = f.period()
    marks, per = marks_of(data), defaultdict(lambda: [0, 0, 0, 0])
    for meeting_id, group_id, held, planned, led_by, _number in held_in(data, f, start, end):
        leader = led_by if led_by is not None else data["groups"][group_id]["lead"]
        line = per[leader]
        line[0] += 1
        line[1] += held == planned
        line[2] += len(marks[meeting_id])
        line[3] += sum(1 for _pid, status in marks[meeting_id] if status in ATTENDED)
    named = [
        (data["names"].get(leader) or "No facilitator recorded", *line)
        for leader, line in per.items()
    ]
    return sorted(named, key=lambda row: (-row[1], row[0]))


def plain_retention(data, f, by) -> dict[str, list[tuple]]:
    """Groups that started in the period; per session number held in the period: the men
    present or late at any of its meetings (once each), the members on its first day in the
    period (enrolled by then, less transferred out by then), the groups that held it."""
    start, end = f.period()
    cohort = {
        gid for gid in kept_groups(data, f)
        if data["groups"][gid]["start"] and start <= data["groups"][gid]["start"] <= end
    }  # fmt: skip
    marks, sessions = marks_of(data), defaultdict(list)
    for meeting in held_in(data, f, start, end):
        if meeting[1] in cohort:
            sessions[(meeting[1], meeting[5])].append(meeting)
    lines: dict[str, dict[int, list[int]]] = {"All groups": {}}
    for (group_id, number), meetings in sessions.items():
        first = min(m[2] for m in meetings)
        came = {pid for m in meetings for pid, status in marks[m[0]] if status in ATTENDED}
        members = sum(
            1 for g, on, end_, status in data["enrolments"] if g == group_id and on <= first
        ) - sum(
            1
            for g, _on, ended, status in data["enrolments"]
            if g == group_id and status == "transferred" and ended is not None and ended <= first
        )
        group = data["groups"][group_id]
        label = group["district"] if by == "district" else str(group["start"].year)
        for line in (lines["All groups"], lines.setdefault(label, {})):
            sums = line.setdefault(number, [0, 0, 0])
            sums[0] += len(came)
            sums[1] += members
            sums[2] += 1
    if not lines["All groups"]:
        return {}
    return {
        label: [(number, *sums) for number, sums in sorted(points.items())]
        for label, points in sorted(
            lines.items(), key=lambda item: (item[0] != "All groups", item[0])
        )
    }


# ---------------------------------------------------------------- every filter


def filters(data) -> list[DashboardFilter]:
    groups = data["groups"].values()
    district = sorted({g["district"] for g in groups})[0]
    community = sorted({g["community"] for g in groups})[-1]
    lead = sorted({g["lead"] for g in groups if g["lead"] is not None})[0]
    plain = {"today": TODAY}
    return [
        DashboardFilter(**plain),
        DashboardFilter(district=district, **plain),
        DashboardFilter(community_id=community, **plain),
        DashboardFilter(group_kind="men", **plain),
        DashboardFilter(group_kind="women", **plain),
        DashboardFilter(facilitator_id=lead, **plain),
        DashboardFilter(cohort_year=2026, **plain),
        DashboardFilter(cohort_year=2025, **plain),
        # A period ending before today: the sessions held since straddle its end.
        DashboardFilter(date_from=date(2026, 1, 1), date_to=date(2026, 3, 15), **plain),
        DashboardFilter(date_from=date(2025, 9, 1), date_to=date(2026, 2, 1), **plain),
        # EARLY-1's sessions 1 and 3 each held both inside and outside this one.
        DashboardFilter(date_from=date(2025, 6, 3), date_to=date(2026, 3, 15), **plain),
    ]


def test_the_office_has_the_cases_the_definitions_speak_of(office):
    data = rows(office)
    statuses = {status for *_rest, status in data["enrolments"]}
    assert {"transferred", "dropped", "active"} <= statuses
    per_session = defaultdict(int)
    for _mid, group_id, *_days, number in data["meetings"]:
        per_session[(group_id, number)] += 1
    assert max(per_session.values()) >= 2  # make-ups
    assert len(filters(data)) == 11


@pytest.mark.parametrize("which", range(11))
def test_daily_attendance_is_what_the_meetings_and_marks_say(office, which):
    data = rows(office)
    f = filters(data)[which]
    start, end = f.period()
    with office.session() as s:
        days = daily_attendance(s, f, start - timedelta(days=40), end)
    expected = plain_days(data, f, start - timedelta(days=40), end)
    assert [tuple(vars(day).values()) for day in days] == expected
    assert expected or which in (4,)  # only the women's groups may have none


@pytest.mark.parametrize("which", range(11))
def test_facilitator_figures_are_what_the_meetings_and_marks_say(office, which):
    data = rows(office)
    f = filters(data)[which]
    with office.session() as s:
        figures = facilitator_figures(s, f)
        board = dashboard(s, f)
    shown = [(r.name, r.meetings, r.on_planned_date, r.marks, r.attended) for r in figures]
    assert shown == plain_facilitators(data, f)
    assert [(r.name, r.meetings) for r in board.facilitators] == [row[:2] for row in shown]


@pytest.mark.parametrize("by", ["district", "cohort"])
@pytest.mark.parametrize("which", range(11))
def test_retention_is_what_the_meetings_marks_and_enrolments_say(office, which, by):
    data = rows(office)
    f = filters(data)[which]
    with office.session() as s:
        lines = retention_by_session(s, f, by)
        board = dashboard(s, f, by)
    shown = {
        line.label: [(p.number, p.attended, p.enrolled, p.groups) for p in line.points]
        for line in lines
    }
    assert shown == plain_retention(data, f, by)
    assert list(shown) == list(plain_retention(data, f, by))  # All groups first, then A to Z
    assert board.retention == lines


def test_retention_counts_the_early_group_from_its_meetings_in_the_period(office):
    """EARLY-1 held session 1 before the period and again (a make-up) inside it: in the period
    only the make-up counts (two men came); a man transferred out between session 2 and the
    make-up leaves its members. Session 3 was held on 14 March and made up on the 17th: a
    period ending on the 15th counts the first meeting only."""

    def points(**period):
        with office.session() as s:
            place = s.scalar(select(Group.community_id).where(Group.code == "EARLY-1"))
            f = DashboardFilter(community_id=place, today=TODAY, **period)
            lines = retention_by_session(s, f)
        return [(p.number, p.attended, p.enrolled, p.groups) for p in lines[0].points]

    assert points() == [(1, 2, 3, 1), (2, 2, 4, 1), (3, 3, 3, 1)]
    to_mid_march = points(date_from=date(2025, 6, 3), date_to=date(2026, 3, 15))
    assert to_mid_march == [(1, 2, 3, 1), (2, 2, 4, 1), (3, 2, 3, 1)]
