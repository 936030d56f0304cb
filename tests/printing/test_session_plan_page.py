"""The session plan as a facilitator runs a session from it: which group, when and where;
objectives and materials first; then the activities as a timed table with a running clock;
and no page left mostly empty."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from mwp_desktop.printing.data import SessionPlanData
from mwp_desktop.printing.session_plan import write_session_plans
from mwp_desktop.resource_files import resource_path

from .pdf_reading import page_runs, pages_text, smallest_text
from .test_documents import BRAND


def curriculum_plans(name: str) -> list[SessionPlanData]:
    data = json.loads(resource_path("curricula", f"{name}.json").read_text(encoding="utf-8"))
    return [
        SessionPlanData(
            data["name"],
            s["number"],
            s["title"],
            s["minutes"],
            tuple(s["objectives"]),
            tuple(s["activities"]),
            tuple(s["materials"]),
            len(data["sessions"]),
        )  # fmt: skip
        for s in data["sessions"]
    ]


MEN = curriculum_plans("mwp_men_v1")


def test_group_date_and_venue_when_printed_for_a_group(tmp_path):
    plan = replace(MEN[0], group="Waterloo Men's Group 1 (WL-01)", facilitator="Alhaji Bangura",
                   planned_date=date(2026, 1, 6), planned_time="14:00",
                   venue="Community Centre")  # fmt: skip
    texts = pages_text(write_session_plans(tmp_path / "p.pdf", BRAND, [plan]))
    first = texts[0]
    for expected in ("Waterloo Men's Group 1 (WL-01)", "Tue 06/01/2026 at 14:00",
                     "Community Centre", "Alhaji Bangura"):  # fmt: skip
        assert expected in first, expected
    assert first.index("Objectives") < first.index("Materials") < first.index("Activities")


def test_activities_are_a_timed_table_with_a_running_clock(tmp_path):
    plan = replace(MEN[0], planned_time="14:00")
    out = write_session_plans(tmp_path / "p.pdf", BRAND, [plan])
    joined = " ".join(pages_text(out))
    assert "Clock Min Activity Notes" in joined
    # Session 1: 15 + 25 + 25 + 25 + 20 + 10 minutes, from 14:00.
    for clock, minutes, name in (("14:00", 15, "Welcome and opening"),
                                 ("14:15", 25, "Getting to know each other")):  # fmt: skip
        assert f"{clock} {minutes} {name}" in joined
    assert "(15 min):" not in joined  # the minutes left the running text
    without_time = " ".join(pages_text(write_session_plans(tmp_path / "q.pdf", BRAND, [MEN[0]])))
    assert "0:00 15 Welcome and opening" in without_time and "0:15 25" in without_time
    assert smallest_text(out) >= 7


@pytest.mark.parametrize("plan", MEN + curriculum_plans("women_dialogue_v1"),
                         ids=lambda p: f"{p.curriculum_name[:5]}{p.number}")  # fmt: skip
def test_no_page_is_mostly_empty(tmp_path, plan):
    out = write_session_plans(tmp_path / "p.pdf", BRAND, [plan])
    for runs in page_runs(out):
        content = [r.y for r in runs if r.y > 60]  # above the footer
        assert min(content) < 842 / 2
