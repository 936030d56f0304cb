"""The dashboard's group and member counts equal their definitions, worked out plainly in Python
from every row, on an office with transfers, re-enrolments, backdated and overlapping
enrolments, deleted rows, make-ups, meetings on the same day and every kind of filter."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mwp_desktop.models import Attendance, Community, Enrollment, Group, Meeting
from mwp_desktop.services.statistics.charts import completion_figures, enrolment_over_time
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.services.statistics.headline import (
    FOLLOW_UP_LOOKBACK_DAYS,
    follow_up_count,
    headline_counts,
)
from tests.builders.groups import add_group, add_meeting
from tests.builders.marks import add_marks
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community, add_facilitator

TODAY = date(2026, 6, 30)
ENDED = ("completed", "not_completed", "dropped", "transferred")


def build_office(db, seed: int = 7) -> dict:
    """Six groups in two districts, of two kinds, led by two facilitators, started in two years;
    forty people joining, leaving, moving and coming back; weekly meetings with make-ups, two
    meetings on one day, cancellations, and a few marks and memberships deleted again; two
    groups closed."""
    rng = random.Random(seed)
    with db.session() as s:
        places = [
            add_community(s, "Kpetema", district="Moyamba"),
            add_community(s, "Gerihun", district="Bo"),
            add_community(s, "Tikonko", district="Bo"),
        ]
        leads = [add_facilitator(s, "Fatmata Kamara", sex="F"), add_facilitator(s, "Alusine")]
        groups = []
        for n in range(6):
            start = date(2025, 9, 1) + timedelta(weeks=7 * n)
            groups.append(
                add_group(
                    s,
                    f"G{n}",
                    kind=("men", "mixed")[n % 2],
                    community=places[n % 3],
                    facilitator=leads[n % 2],
                    start=start,
                )  # fmt: skip
            )
        groups[4].co_facilitator_id = leads[0].id
        people = [add_participant(s, f"P{n}", "Test", code=f"P{n:06d}") for n in range(40)]
        enrolments = []
        for person in people:
            day = date(2025, 8, 15) + timedelta(days=rng.randrange(300))
            for _ in range(rng.choice((1, 1, 1, 2, 3))):  # some move on, some come back
                group = rng.choice(groups)
                status = rng.choice(("active", *ENDED))
                ended = None
                if status != "active":
                    # Now and then an end on the first day, or none recorded at all.
                    ended = rng.choice((day, None, day + timedelta(days=rng.randrange(1, 200))))
                enrolments.append(
                    add_membership(
                        s, person, group, enrolled_on=day, status=status, ended_on=ended
                    )  # fmt: skip
                )
                # The next one may start before this one ended (backdated), or on the same day.
                day += timedelta(days=rng.randrange(-30, 120))
        meetings = []
        for group in groups:
            day = group.start_date
            for number in range(1, 17):
                status = rng.choice(("held", "held", "held", "held", "cancelled", "planned"))
                m = add_meeting(s, group, number, day, status=status)
                meetings.append(m)
                if status == "held" and rng.random() < 0.25:
                    # A make-up, sometimes on the very day of the next meeting.
                    meetings.append(
                        add_meeting(
                            s,
                            group,
                            number,
                            day + timedelta(days=rng.choice((2, 7))),
                            status="held",
                            makeup_of=m,
                        )  # fmt: skip
                    )
                if rng.random() < 0.1:
                    # Two regular meetings held on the same day: the later id counts as later.
                    meetings.append(add_meeting(s, group, min(number + 1, 16), day, status="held"))
                day += timedelta(days=rng.choice((7, 7, 7, 14)))
        for m in meetings:
            if m.status == "held":
                members = {e.participant_id for e in enrolments if e.group_id == m.group_id}
                add_marks(s, m, {p: rng.choice(("present", "absent", "absent", "late",
                                                "excused")) for p in members})  # fmt: skip
        for row in rng.sample(enrolments, 5) + rng.sample(s.scalars(select(Attendance)).all(), 20):
            s.delete(row)
        s.flush()
        # Two groups closed: their members with no end date finish that day.
        for group, closed_on in ((groups[0], date(2026, 2, 20)), (groups[3], date(2025, 12, 20))):
            group.status, group.closed_on = "closed", closed_on
        s.flush()
        return {
            "district": "Bo",
            "community_id": places[0].id,
            "facilitator_id": leads[0].id,
        }


def rows(db):
    with db.session() as s:
        group_place = {
            g.id: (g, s.get(Community, g.community_id)) for g in s.scalars(select(Group))
        }
        return (
            group_place,
            [
                (e.participant_id, e.group_id, e.enrolled_on, e.ended_on, e.status)
                for e in s.scalars(select(Enrollment))
            ],  # fmt: skip
            [
                (m.id, m.group_id, m.status, m.held_date, m.makeup_of_id)
                for m in s.scalars(select(Meeting))
            ],  # fmt: skip
            [(a.meeting_id, a.participant_id, a.status) for a in s.scalars(select(Attendance))],
        )


def kept_groups(group_place, f: DashboardFilter) -> set[int]:
    kept = set()
    for gid, (g, place) in group_place.items():
        if f.district and place.district != f.district:
            continue
        if f.community_id is not None and g.community_id != f.community_id:
            continue
        if f.group_kind and g.kind != f.group_kind:
            continue
        if f.facilitator_id is not None and f.facilitator_id not in (
            g.facilitator_id,
            g.co_facilitator_id,
        ):
            continue
        if f.cohort_year is not None and g.start_date.year != f.cohort_year:
            continue
        kept.add(gid)
    return kept


def running_on(enrolment, day: date) -> bool:
    _, _, enrolled_on, ended_on, status = enrolment
    return enrolled_on <= day and (status == "active" or (ended_on is not None and ended_on > day))


def expected_follow_ups(data, kept, as_of: date, absences: int) -> int:
    _, enrolments, meetings, marks = data
    absent = {(m, p) for m, p, status in marks if status == "absent"}
    chased = set()
    for gid in kept:
        regular = sorted(
            ((held, mid) for mid, g, status, held, makeup in meetings
             if g == gid and status == "held" and makeup is None
             and as_of - timedelta(days=FOLLOW_UP_LOOKBACK_DAYS) <= held <= as_of),
            reverse=True,
        )[:absences]  # fmt: skip
        if len(regular) < absences:
            continue
        for e in enrolments:
            person = e[0]
            member = e[1] == gid and running_on(e, as_of)
            if member and all((mid, person) in absent for _, mid in regular):
                chased.add(person)
    return len(chased)


def expected_active(data, kept, start: date, end: date) -> int:
    _, _, meetings, _ = data
    return len(
        {
            g
            for _, g, status, held, _ in meetings
            if g in kept and status == "held" and start <= held <= end
        }  # fmt: skip
    )


def expected_enrolled(data, kept, day: date) -> int:
    _, enrolments, _, _ = data
    return len({e[0] for e in enrolments if e[1] in kept and running_on(e, day)})


def expected_enrolment_point(data, kept, last: date) -> tuple[int, int]:
    """People with an enrolment in the kept groups begun by `last`, and enrolments running then
    (an ended one without an end date ran for no day at all)."""
    _, enrolments, _, _ = data
    mine = [e for e in enrolments if e[1] in kept]
    registered = len({e[0] for e in mine if e[2] <= last})
    return registered, sum(running_on(e, last) for e in mine)


def expected_completion(data, kept, f: DashboardFilter):
    """Per place (district, or community once one is chosen), the members completed, not
    completed and dropped whose enrolment finished in the period (its end date, else the day
    its group closed); and the rates of the period and of the one before."""
    group_place, enrolments, _, _ = data
    start, end = f.period()
    prev_start, prev_end = f.previous_period()
    by_community = bool(f.district) or f.community_id is not None
    places, now, then = {}, Counter(), Counter()
    for _, gid, _, ended_on, status in enrolments:
        group, place = group_place[gid]
        finished_on = ended_on or group.closed_on
        if gid not in kept or finished_on is None:
            continue
        if start <= finished_on <= end:
            key = (str(place.id), place.name) if by_community else (place.district, place.district)
            places.setdefault(key, Counter())[status] += 1
            now[status] += 1
        elif prev_start <= finished_on <= prev_end:
            then[status] += 1

    def rate(counts):
        whole = counts["completed"] + counts["not_completed"]
        return counts["completed"] / whole if whole else None

    bars = sorted(
        (rate(c), label, key, c["completed"], c["not_completed"], c["dropped"])
        for (key, label), c in places.items()
        if c["completed"] + c["not_completed"]
    )
    return [(key, label, *counts) for _, label, key, *counts in bars], rate(now), rate(then)


FILTERS = [
    {},
    {"district": "district"},
    {"community_id": "community_id"},
    {"group_kind": "mixed"},
    {"facilitator_id": "facilitator_id"},
    {"cohort_year": 2026},
    {"date_from": date(2026, 1, 10), "date_to": date(2026, 2, 20)},
    {"date_to": date(2025, 12, 1)},
    {"district": "district", "group_kind": "men"},
]


@pytest.fixture
def office(db):
    return build_office(db)


@pytest.mark.parametrize("changes", FILTERS)
def test_counts_follow_their_definitions_under_each_filter(db, office, changes):
    values = {k: office.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
    f = DashboardFilter(today=TODAY, **values)
    data = rows(db)
    kept = kept_groups(data[0], f)
    start, end = f.period()
    prev_start, prev_end = f.previous_period()
    with db.session() as s:
        counts = headline_counts(s, f)
        assert counts.active_now == expected_active(data, kept, start, end)
        assert counts.active_before == expected_active(data, kept, prev_start, prev_end)
        assert counts.enrolled_now == expected_enrolled(data, kept, end)
        assert counts.enrolled_before == expected_enrolled(data, kept, prev_end)
        for as_of in (end, prev_end, end - timedelta(days=3)):
            for absences in (1, 2, 3):
                assert follow_up_count(s, f, as_of, absences) == expected_follow_ups(
                    data, kept, as_of, absences
                ), (as_of, absences)
        points = enrolment_over_time(s, f)
        completion = completion_figures(s, f)
    bars, rate, previous_rate = expected_completion(data, kept, f)
    shown = [(b.key, b.label, b.completed, b.not_completed, b.dropped) for b in completion.bars]
    assert shown == bars
    assert (completion.rate, completion.previous_rate) == (rate, previous_rate)
    for p in points:
        last = min(date(p.year, p.month, 28) + timedelta(days=4), date(9999, 1, 1))
        last = min(last.replace(day=1) - timedelta(days=1), end)
        assert (p.registered, p.enrolled) == expected_enrolment_point(data, kept, last), p.label


def test_the_office_has_what_the_definitions_must_handle(db, office):
    """Guards the builder: each awkward case is really in the data."""
    _, enrolments, meetings, _ = rows(db)
    by_person: dict[int, list] = {}
    for e in enrolments:
        by_person.setdefault(e[0], []).append(e)
    assert any(len(v) > 1 for v in by_person.values())
    overlapping = [
        v
        for v in by_person.values()
        for a in v
        for b in v
        if a is not b and running_on(a, b[2]) and b[2] >= a[2]
    ]
    assert overlapping, "a backdated enrolment that overlaps another"
    assert any(e[4] != "active" and e[3] is None for e in enrolments)
    assert any(m[4] is not None for m in meetings)
    held_days = [(m[1], m[3]) for m in meetings if m[2] == "held" and m[4] is None]
    assert len(held_days) > len(set(held_days)), "two regular meetings held on one day"
