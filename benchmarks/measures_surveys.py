"""Budget lines of the attitude surveys (issue 17): one answer saved durably, and the scoring
and attitude charts the dashboard refresh adds, on the national demo (every man of a finished
men's group with a baseline, and an endline if he stayed)."""

from __future__ import annotations

from benchmarks.harness import Result, absolute, median_seconds
from benchmarks.measures_services import _scalar_row
from mwp_desktop.services.actor import SYSTEM


def answer(setup) -> list[Result]:
    """One survey answer saved durably (WAL, synchronous=FULL), with the man's score kept."""
    from mwp_desktop.services.admin.database import open_existing
    from mwp_desktop.services.surveys.responses import set_answer

    db = open_existing(str(setup.working_copy("national")))
    try:
        # The latest endline's first man who answered: typing in a group's questionnaires.
        round_id, participant_id, code = _scalar_row(
            db,
            """
            SELECT r.round_id, r.participant_id, a.code FROM survey_responses r
            JOIN survey_answers a ON a.response_id = r.id AND a.item_number = 7
            WHERE r.consent = 'given' AND a.code IS NOT NULL
            ORDER BY r.taken_on DESC, r.id LIMIT 1
            """,
        )
        cycle = [1, 3] if code != 1 else [3, 1]  # alternate, so every run writes a change
        turn = [0]

        def save_one():
            with db.session() as session:
                set_answer(session, SYSTEM, round_id, participant_id, 7, cycle[turn[0] % 2])
            turn[0] += 1

        runs = max(setup.runs, 15)
        seconds = median_seconds(save_one, runs, warmup=2)
    finally:
        db.close()
    result = absolute("one survey answer saved durably", seconds, 0.02, runs)
    result.note = "WAL + synchronous=FULL, score kept on the response; national copy"
    return [result]


def attitude_charts(setup) -> list[Result]:
    """The attitude figures of a dashboard refresh: every man's change, by district, by dose,
    summed as the refresh sums them."""
    from sqlalchemy import func, select

    from mwp_desktop.services.statistics.attitude_change import pairs_query
    from mwp_desktop.services.statistics.dashboard import attitude_figures
    from mwp_desktop.services.statistics.filters import DashboardFilter

    db = setup.open("national")
    with db.session() as session:
        men = [
            session.scalar(
                select(func.count()).select_from(pairs_query(DashboardFilter()).subquery())
            )
        ]

    def figures():
        with db.session() as session:
            return attitude_figures(session, DashboardFilter())

    runs = max(3, setup.runs - 2)
    result = absolute("attitude charts (all men, both rounds)", median_seconds(figures, runs),
                      1.0, runs)  # fmt: skip
    result.note = (
        f"{men[0]:,} men with both rounds scored in the last 52 weeks; part of the 1 s refresh"
    )
    return [result]
