"""The demo's attitude surveys: every finished men's group answered at its first and last
session, scores kept as the program's own rule gives them, and change that grows with
attendance (what the dose-response chart is there to show)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from mwp_desktop.models import Group, SurveyAnswer, SurveyResponse, SurveyRound
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.statistics.attitude_change import dose_response, paired_changes
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.services.surveys.instruments import shipped_instrument
from mwp_desktop.services.surveys.scoring import score

TODAY = date(2026, 11, 28)
EVER = DashboardFilter(date_from=date(2020, 1, 1), today=TODAY)


def test_finished_mens_groups_have_both_rounds_and_change_follows_attendance(db):
    build_demo(db, "office", 1, today=TODAY)
    with db.session() as s:
        finished = set(s.scalars(select(Group.id).where(Group.status == "closed",
                                                         Group.kind == "men")))  # fmt: skip
        surveyed = {(g, k) for g, k in s.execute(select(SurveyRound.group_id, SurveyRound.kind))}
        assert surveyed == {(g, k) for g in finished for k in ("baseline", "endline")}
        responses = s.execute(
            select(SurveyResponse.id, SurveyResponse.consent, SurveyResponse.answered,
                   SurveyResponse.total).limit(300)
        ).all()  # fmt: skip
        answers = defaultdict(dict)
        ids = [r.id for r in responses]
        for rid, n, code in s.execute(
            select(SurveyAnswer.response_id, SurveyAnswer.item_number, SurveyAnswer.code).where(
                SurveyAnswer.response_id.in_(ids)
            )
        ):
            answers[rid][n] = code
        changes = paired_changes(s, EVER)
    gem = shipped_instrument()
    for rid, consent, answered, total in responses:
        expected = score(gem, answers[rid])
        assert (answered, total) == (expected.answered, expected.total)
        assert consent == "given" or answers[rid] == {}
    assert any(consent == "refused" for _, consent, _, _ in responses)

    assert len(changes) > 500
    points = dose_response(changes)
    few = [p for p in points if p.attended <= 8]
    many = [p for p in points if p.attended >= 14]

    def mean(ps):
        return sum(p.mean_change * p.men for p in ps) / sum(p.men for p in ps)

    assert mean(many) > mean(few) + 4
    assert mean(many) > 10  # those who came to nearly everything changed clearly
    assert any(m.after < m.before for m in changes)  # and not every man moved forward
