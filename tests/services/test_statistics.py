"""Dashboard figures against the hand-worked office in tests/builders/dashboard_office.py."""

from __future__ import annotations

from datetime import date

import pytest

from mwp_desktop.services.statistics.charts import completion_figures
from mwp_desktop.services.statistics.dashboard import dashboard, groups_behind, read_dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter, filter_choices
from mwp_desktop.services.statistics.headline import (
    completion_rate,
    enrolled_counts,
    follow_up_count,
)
from tests.builders.dashboard_office import PERIOD, TODAY, add_dashboard_office, d


@pytest.fixture
def office(db):
    return add_dashboard_office(db)


def base_filter(**changes) -> DashboardFilter:
    values = {"date_from": PERIOD[0], "date_to": PERIOD[1], "today": TODAY, **changes}
    return DashboardFilter(**values)


def compute(db, f, by="district"):
    """As the panel reads it: on two connections at once."""
    return read_dashboard(db, f, by)


def figures(board) -> dict[str, tuple]:
    return {fig.key: (fig.value, fig.previous) for fig in board.figures}


def test_headline_figures_and_their_previous_period(db, office):
    board = compute(db, base_filter())
    assert figures(board) == {
        "active_groups": (3, 0),
        "enrolled": (4, 3),  # P1 P2 P4 P9 now; P5 P6 P8 of G2 on 31/12/2025
        "meetings_month": (0, 1),  # none in March, the G2 meeting in February
        "attendance_recent": (pytest.approx(2 / 3), pytest.approx(10 / 19)),
        "completion": (pytest.approx(2 / 3), None),  # P5, P8 of P5 P6 P8; dropped P7 not counted
        "follow_up": (2, 0),  # P1 and P9 absent twice in a row; P3 dropped, P2 came back
    }
    by_key = {fig.key: fig for fig in board.figures}
    assert by_key["active_groups"].change_text() == "+3"
    assert by_key["completion"].change_text() == "no earlier figure"
    assert by_key["attendance_recent"].value_text() == "67%"


def test_weekly_attendance_counts_make_ups_and_ignores_unheld_meetings(db, office):
    board = compute(db, base_filter())
    weeks = {w.week_start: (w.meetings, w.marks, w.attended) for w in board.weeks}
    assert len(weeks) == 14  # Monday 29/12/2025 to the week of 31/03/2026
    assert weeks[d(5, 1)] == (1, 4, 4)
    assert weeks[d(12, 1)] == (2, 6, 3)  # M2 and its make-up
    assert weeks[d(19, 1)] == (2, 5, 1)
    assert weeks[d(26, 1)] == (2, 4, 2)
    assert weeks[d(2, 2)] == (0, 0, 0)  # planned, not held
    assert weeks[d(9, 2)] == (0, 0, 0)  # cancelled
    assert weeks[d(16, 2)] == (1, 3, 2)
    assert board.meetings_held == 8
    assert next(w for w in board.weeks if w.week_start == d(2, 2)).rate is None


def test_status_mix_by_month_keeps_excused_apart(db, office):
    board = compute(db, base_filter())
    mix = [(m.label, m.present, m.late, m.excused, m.absent) for m in board.status_mix]
    assert mix == [
        ("Jan 2026", 9, 1, 2, 7),
        ("Feb 2026", 2, 0, 0, 1),
        ("Mar 2026", 0, 0, 0, 0),
    ]


def test_retention_by_session_counts_make_ups_once_and_drops_transfers(db, office):
    board = compute(db, base_filter())
    lines = {
        line.label: [(p.number, p.attended, p.enrolled, p.groups) for p in line.points]
        for line in board.retention
    }
    assert list(lines) == ["All groups", "Bo", "Moyamba"]
    # Session 2: P1 at M2 and at its make-up counts once; P2 at the make-up only.
    assert lines["Moyamba"] == [(1, 4, 4, 1), (2, 2, 4, 1), (3, 0, 3, 1), (4, 1, 3, 1)]
    # G2 started in 2025, before the period: not in this cohort view.
    assert lines["Bo"] == [(1, 1, 2, 1), (2, 1, 2, 1)]
    assert lines["All groups"][:2] == [(1, 5, 6, 2), (2, 3, 6, 2)]
    assert board.retention[0].points[0].share == pytest.approx(5 / 6)


def test_retention_by_cohort_year(db, office):
    board = compute(db, base_filter(date_from=date(2025, 4, 1)), by="cohort")
    assert [line.label for line in board.retention] == ["All groups", "2025", "2026"]
    assert [(p.number, p.attended, p.enrolled) for p in board.retention[1].points] == [(16, 2, 4)]


def test_completion_by_district_then_by_community(db, office):
    board = compute(db, base_filter())
    assert board.completion_by == "district"
    assert [(b.label, b.completed, b.not_completed, b.dropped) for b in board.completion] == [
        ("Bo", 2, 1, 0)  # Moyamba's only finished member dropped out: no completion bar
    ]
    bo = compute(db, base_filter(district="Bo"))
    assert bo.completion_by == "community"
    assert [(b.key, b.label, b.rate) for b in bo.completion] == [
        (str(office.communities["Gerihun"]), "Gerihun", pytest.approx(2 / 3))
    ]


def test_enrolment_over_time(db, office):
    board = compute(db, base_filter())
    assert [(p.label, p.registered, p.enrolled) for p in board.enrolment] == [
        ("Jan 2026", 9, 7),
        ("Feb 2026", 9, 4),
        ("Mar 2026", 9, 4),
    ]


def test_facilitators_count_who_led_the_meeting(db, office):
    board = compute(db, base_filter())
    rows = [
        (r.name, r.meetings, r.on_planned_date, r.marks, r.attended) for r in board.facilitators
    ]
    assert rows == [("Fatmata Kamara", 6, 5, 17, 9), ("Alusine Bangura", 2, 2, 5, 3)]


def test_filters_narrow_every_chart(db, office):
    bo = compute(db, base_filter(district="Bo"))
    assert bo.meetings_held == 3
    assert [line.label for line in bo.retention] == ["All groups", "Bo"]
    assert dict((f.key, f.value) for f in bo.figures)["follow_up"] == 1  # P9

    mixed = compute(db, base_filter(group_kind="mixed"))
    assert mixed.meetings_held == 2
    assert [(r.name, r.meetings) for r in mixed.facilitators] == [
        ("Alusine Bangura", 1),
        ("Fatmata Kamara", 1),
    ]

    # A facilitator's groups: G1 only (Fatmata led one G3 meeting but G3 is not hers).
    fatmata = compute(db, base_filter(facilitator_id=office.facilitators["Fatmata"]))
    assert fatmata.meetings_held == 5
    assert compute(db, base_filter(cohort_year=2025)).meetings_held == 1
    kpetema = compute(db, base_filter(community_id=office.communities["Kpetema"]))
    assert kpetema.meetings_held == 5


def test_an_empty_range_has_no_meetings_and_no_rates(db, office):
    board = compute(db, DashboardFilter(date_from=date(2024, 1, 1), date_to=date(2024, 3, 31)))
    assert board.meetings_held == 0
    assert all(w.rate is None for w in board.weeks)
    assert board.retention == ()
    assert board.completion == ()
    assert board.facilitators == ()
    values = {f.key: f.value for f in board.figures}
    assert values["attendance_recent"] is None
    assert values["completion"] is None
    assert values["enrolled"] == 0


def test_an_empty_database(db):
    board = compute(db, base_filter())
    assert board.meetings_held == 0
    assert board.retention == ()
    assert {f.key: f.value for f in board.figures}["follow_up"] == 0


def test_follow_up_threshold_comes_from_the_argument(db, office):
    with db.session() as s:
        assert follow_up_count(s, base_filter(), TODAY, 1) == 2  # P1, P9 (P2's last was present)
        assert follow_up_count(s, base_filter(), TODAY, 3) == 0
        # On 25/01 P1's last two marks were absent (20/01) and present (12/01): not yet.
        assert follow_up_count(s, base_filter(), d(25, 1), 2) == 0


def test_groups_behind_a_bar(db, office):
    f = base_filter()
    with db.session() as s:
        week = groups_behind(s, f, "week", d(26, 1))
        assert [(g.code, g.meetings_held, g.marks, g.attended) for g in week] == [
            ("G1", 1, 2, 1),
            ("G3", 1, 2, 1),
        ]
        alusine = groups_behind(s, f, "facilitator", office.facilitators["Alusine"])
        assert [(g.code, g.meetings_held) for g in alusine] == [("G2", 1), ("G3", 1)]
        assert [g.code for g in groups_behind(s, f, "district", "Bo")] == ["G2"]
        assert [g.code for g in groups_behind(s, f, "month", (2026, 1))] == ["G1", "G3"]
        assert groups_behind(s, f, "month", (2026, 3)) == []


def test_filter_choices(db, office):
    with db.session() as s:
        choices = filter_choices(s)
    assert choices.districts == ("Bo", "Moyamba")
    assert [c.label for c in choices.communities] == ["Gerihun (Bo)", "Kpetema (Moyamba)"]
    assert [c.label for c in choices.facilitators] == ["Alusine Bangura", "Fatmata Kamara"]
    assert choices.cohort_years == (2025, 2026)


def test_default_period_is_the_last_52_weeks():
    f = DashboardFilter(today=TODAY)
    assert f.period() == (date(2025, 4, 2), TODAY)
    assert base_filter().previous_period() == (date(2025, 10, 3), date(2025, 12, 31))


def test_completion_of_the_previous_period_comes_from_the_same_pass(db, office):
    """G2's members finished on 20/02/2026: in April–June that is the previous period."""
    later = base_filter(date_from=date(2026, 4, 1), date_to=date(2026, 6, 30))
    board = compute(db, later)
    assert figures(board)["completion"] == (None, pytest.approx(2 / 3))
    assert board.completion == ()  # the bars are of the period only
    # The one-pass figures equal the rate counted for each range on its own.
    for f in (base_filter(), later, base_filter(district="Bo"), base_filter(district="Moyamba")):
        with db.session() as s:
            both = completion_figures(s, f)
            assert both.rate == completion_rate(s, f, *f.period())
            assert both.previous_rate == completion_rate(s, f, *f.previous_period())


def test_enrolled_counts_each_person_once_on_each_day(db, office):
    """P4 moved from G1 to G3 on 13/01: on 12/01 he counts in G1, on 13/01 in G3 only."""
    with db.session() as s:
        f = base_filter()
        # 12/01: P1-P4 of G1 and P5 P6 P8 of G2 (P7 dropped in 2025, P9 starts on 13/01).
        assert enrolled_counts(s, f, d(12, 1), d(31, 12, 2025)) == (7, 3)
        # 13/01: P1-P3 of G1, P5 P6 P8 of G2, P4 P9 of G3; on 04/01 only G2's three.
        assert enrolled_counts(s, f, d(13, 1), d(4, 1)) == (8, 3)
        assert enrolled_counts(s, base_filter(group_kind="mixed"), d(13, 1), d(12, 1)) == (2, 0)


@pytest.mark.parametrize(
    "changes",
    [{}, {"district": "Bo"}, {"date_from": d(1, 3)}, {"date_to": d(1, 1, 2025)}],
)
def test_read_on_two_connections_equals_read_on_one(db, office, changes):
    f = base_filter(**changes)
    for by in ("district", "cohort"):
        with db.session() as s:
            alone = dashboard(s, f, by)
        assert read_dashboard(db, f, by) == alone
