"""Women's accountability feedback: themes recorded at women's dialogue sessions, what reaches
the men's facilitator of the same community (only when enough women were present, with neither
counts nor dates), who may read the records, and the supervisors' report.

The office: in Waterloo the men's group WAR-M001 led by Fatu (the facilitator account) and the
women's group WAR-W001; in Tombo the women's group TOM-W001. Each women's meeting is held with a
number of women marked present or late."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import Group, Meeting
from mwp_desktop.services.admin.settings import set_setting
from mwp_desktop.services.documents import print_data, print_jobs
from mwp_desktop.services.sessions import women_feedback
from mwp_desktop.services.sessions.women_feedback import FeedbackInput, ReachedTheme
from tests.builders.accounts import add_user_accounts
from tests.builders.groups import add_group, add_meeting
from tests.builders.marks import add_marks
from tests.builders.people import add_members
from tests.builders.places import add_community, add_facilitator

MEN_SESSION = date(2026, 3, 12)  # the men's session whose plan is printed
LAST_MEN_SESSION = MEN_SESSION - timedelta(weeks=1)


@pytest.fixture
def office(db, fast_hashing):
    with db.session() as s:
        fatu = add_facilitator(s, "Fatu Facilitator")
        tombo = add_community(s, "Tombo", chiefdom="Koya", district="Western Rural")
        men = add_group(s, "WAR-M001", facilitator=fatu)
        add_meeting(s, men, 5, LAST_MEN_SESSION, status="held")
        add_meeting(s, men, 6, MEN_SESSION)
        waterloo_women = add_group(s, "WAR-W001", kind="women")
        tombo_women = add_group(s, "TOM-W001", kind="women", community=tombo)
        women = {
            group.code: [w.id for w in add_members(s, group, 8)]
            for group in (waterloo_women, tombo_women)
        }
        actors = add_user_accounts(s, ("staff", "supervisor", "facilitator"), facilitator=fatu)
    return db, actors, men.id, {"WAR-W001": waterloo_women.id, "TOM-W001": tombo_women.id}, women


def women_meeting(db, office, code: str, day: date, present: int) -> int:
    db_, _actors, _men, groups, women = office
    with db.session() as s:
        meeting = add_meeting(s, groups[code], 2, day, status="held")
        add_marks(s, meeting, {woman: "present" if i < present else "absent"
                               for i, woman in enumerate(women[code])})  # fmt: skip
        return meeting.id


def raise_theme(
    db, actor, meeting_id, theme="sharing_work", count=3, summary="Men fetch water now"
):
    with db.session() as s:
        return women_feedback.record_feedback(
            s, actor, FeedbackInput(meeting_id, theme, count, summary)
        )


def reaching(db, actor, group_id, day=MEN_SESSION) -> list[ReachedTheme]:
    with db.session() as s:
        return women_feedback.themes_reaching(s, actor, group_id, day)


def test_a_theme_reaches_the_mens_facilitator_only_when_five_women_were_present(office):
    db, actors, men, _groups, _women = office
    staff, fatu = actors["staff"], actors["facilitator"]
    five = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=3), present=5)
    four = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=2), present=4)
    raise_theme(db, staff, five, "safety_at_home", 2, "Fewer shouting matches at night")
    raise_theme(db, staff, four, "money_decisions", 4, "Husbands now ask before selling crops")

    assert reaching(db, fatu, men) == [
        ReachedTheme("Safety at home", "Fewer shouting matches at night")
    ]
    with db.session() as s:
        set_setting(s, actors["supervisor"], "women_feedback_threshold", 4)
    assert [t.theme for t in reaching(db, fatu, men)] == ["Safety at home", "Money and decisions"]


def test_what_reaches_the_men_has_no_count_no_date_and_stays_in_its_community(office):
    db, actors, men, _groups, _women = office
    staff, fatu = actors["staff"], actors["facilitator"]
    here = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=1), present=6)
    there = women_meeting(db, office, "TOM-W001", MEN_SESSION - timedelta(days=1), present=8)
    before = women_meeting(db, office, "WAR-W001", LAST_MEN_SESSION - timedelta(days=1), present=8)
    raise_theme(db, staff, here, "changes_for_better", 5, "Husbands help with the children")
    raise_theme(db, staff, there, "violence_threats", 3, "Threats at the market")
    raise_theme(db, staff, before, "sharing_work", 3, "Already on last week's plan")

    reached = reaching(db, fatu, men)
    assert reached == [ReachedTheme("Changes for the better", "Husbands help with the children")]
    assert [field.name for field in dataclasses.fields(ReachedTheme)] == ["theme", "summary"]


def test_a_mens_facilitator_never_reads_the_womens_records(office):
    db, actors, men, groups, _women = office
    fatu = actors["facilitator"]
    meeting = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=1), present=6)
    raise_theme(db, actors["staff"], meeting)
    with db.session() as s, pytest.raises(PermissionDenied):
        women_feedback.meeting_feedback(s, fatu, meeting)
    with db.session() as s, pytest.raises(PermissionDenied):
        women_feedback.feedback_report(s, fatu, date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(PermissionDenied):
        raise_theme(db, fatu, meeting)
    with pytest.raises(PermissionDenied):  # the women's group is not his to ask about
        reaching(db, fatu, groups["WAR-W001"])
    with db.session() as s:
        rows = women_feedback.meeting_feedback(s, actors["staff"], meeting)
    assert [(r.theme_title, r.raised_by, r.summary) for r in rows] == [
        ("Sharing of work", 3, "Men fetch water now")
    ]


def test_feedback_is_a_theme_of_a_womens_meeting_with_a_count_and_short_words(office):
    db, actors, men, _groups, _women = office
    staff = actors["staff"]
    women = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=1), present=6)
    with db.session() as s:
        mens_meeting = s.scalar(select(Meeting.id).where(Meeting.group_id == men))
    with pytest.raises(ValidationError) as refused:
        raise_theme(db, staff, mens_meeting)
    assert refused.value.fields == {
        "meeting_id": "Feedback is recorded at women's dialogue sessions only."
    }
    with pytest.raises(ValidationError) as refused:
        raise_theme(db, staff, women, "gossip", 0, "x" * 201)
    assert refused.value.fields == {
        "theme": "Choose the theme.",
        "raised_by": "Give how many women raised it (at least one).",
        "summary": "Keep the summary short: at most 200 characters.",
    }
    with pytest.raises(ValidationError, match="more women than were present"):
        raise_theme(db, staff, women, count=7)
    with pytest.raises(ValidationError, match="in your own words"):
        raise_theme(db, staff, women, summary="  ")


def test_supervisors_report_per_community_and_period_only_themes_that_met_the_threshold(office):
    db, actors, _men, _groups, _women = office
    staff = actors["staff"]
    day = MEN_SESSION - timedelta(days=1)
    first = women_meeting(db, office, "WAR-W001", day - timedelta(weeks=1), present=6)
    second = women_meeting(db, office, "WAR-W001", day, present=5)
    small = women_meeting(db, office, "TOM-W001", day, present=3)
    raise_theme(db, staff, first, "sharing_work", 2)
    raise_theme(db, staff, second, "sharing_work", 3)
    raise_theme(db, staff, second, "safety_at_home", 1)
    raise_theme(db, staff, small, "violence_threats", 3)
    with db.session() as s:
        lines = women_feedback.feedback_report(
            s, actors["supervisor"], day - timedelta(weeks=2), day
        )
    assert [(line.community, line.theme_title, line.raised_by) for line in lines] == [
        ("Waterloo", "Safety at home", 1),
        ("Waterloo", "Sharing of work", 5),
    ]
    with db.session() as s, pytest.raises(PermissionDenied):
        women_feedback.feedback_report(s, staff, day, day)


def test_the_mens_next_session_plan_says_what_women_raised_and_nothing_more(office, tmp_path):
    db, actors, men, _groups, _women = office
    fatu = actors["facilitator"]
    meeting = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=2), present=7)
    raise_theme(db, actors["staff"], meeting, "respect_communication", 6, "Husbands ask, not order")
    with db.session() as s:
        plan_id = print_data.curriculum_session_id(s, 6, group_id=men)
        first_id = print_data.curriculum_session_id(s, 5, group_id=men)
    text = pdf_text(
        print_jobs.make_session_plan(db, fatu, plan_id, tmp_path / "p.pdf", group_id=men)
    )
    assert "What women in the community raised" in text
    assert "Respect and communication: Husbands ask, not order" in text
    assert "6 women" not in text and f"{MEN_SESSION - timedelta(days=2):%d/%m/%Y}" not in text
    # The plan of the session before it, or of no group, has no such section.
    for group_id, session_id in ((men, first_id), (None, plan_id)):
        text = pdf_text(print_jobs.make_session_plan(
            db, fatu, session_id, tmp_path / "q.pdf", group_id=group_id
        ))  # fmt: skip
        assert "What women" not in text


def pdf_text(path) -> str:
    import pypdf

    return " ".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def test_the_mens_facilitator_sees_what_reaches_his_groups_next_session(office):
    db, actors, men, _groups, _women = office
    meeting = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=2), present=5)
    raise_theme(db, actors["staff"], meeting, "sharing_work", 5, "Men fetch water now")
    today = MEN_SESSION - timedelta(days=1)
    with db.session() as s:
        fatu_sees = women_feedback.themes_for_next_sessions(s, actors["facilitator"], today=today)
        fatu_meetings = women_feedback.recent_womens_meetings(s, actors["facilitator"], today=today)
        staff_meetings = women_feedback.recent_womens_meetings(s, actors["staff"], today=today)
    assert [(t.group_code, t.theme, t.summary) for t in fatu_sees] == [
        ("WAR-M001", "Sharing of work", "Men fetch water now")
    ]
    assert fatu_meetings == []  # he leads no women's group
    assert [m.label for m in staff_meetings] == [
        f"WAR-W001 · session 2 · {MEN_SESSION - timedelta(days=2):%d/%m/%Y} · 5 present"
    ]


def test_every_mens_group_gets_what_reaches_its_next_session_in_a_few_reads(office):
    """Issue 19: the Women's feedback tab read each men's group's next session and themes one
    group at a time (five statements a group: seconds at national scale). Read together, each
    group still gets exactly what its own next session's plan shows."""
    from sqlalchemy import event

    db, actors, men, groups, _women = office
    staff = actors["staff"]
    today = MEN_SESSION - timedelta(days=1)
    with db.session() as s:
        tombo = add_community(s, "Tombo Wharf", chiefdom="Koya", district="Western Rural")
        later = add_group(s, "WAR-M002")  # meets a week after WAR-M001
        add_meeting(s, later, 2, MEN_SESSION - timedelta(weeks=3), status="held")
        add_meeting(s, later, 3, MEN_SESSION + timedelta(weeks=1))
        unplanned = add_group(s, "WAR-M003")  # nothing planned: today's themes
        elsewhere = add_group(s, "TOM-M001", community=tombo)
        add_meeting(s, elsewhere, 1, MEN_SESSION)
        ids = [men, later.id, unplanned.id, elsewhere.id]
    for days, theme, summary in (
        (30, "safety_at_home", "Older, before WAR-M002's last session"),
        (16, "money_decisions", "Since WAR-M002's last session"),
        (2, "sharing_work", "Men fetch water now"),
        (2, "sharing_work", "Men fetch water now"),  # said twice: listed once
    ):
        meeting = women_meeting(db, office, "WAR-W001", MEN_SESSION - timedelta(days=days), 6)
        raise_theme(db, staff, meeting, theme, 5, summary)
    with db.session() as s:  # each group's next session, as its plan would be printed
        reached = {}
        for group_id in ids:
            next_day = s.scalar(
                select(func.min(Meeting.planned_date)).where(
                    Meeting.group_id == group_id,
                    Meeting.status.in_(("planned", "postponed")),
                    Meeting.planned_date >= today,
                )
            )
            reached[s.get(Group, group_id).code] = [
                (t.theme, t.summary)
                for t in women_feedback.themes_reaching(s, staff, group_id, next_day or today)
            ]
    expected = [(code, *theme) for code in sorted(reached) for theme in reached[code]]
    statements = []
    count = lambda *args: statements.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.session() as s:
            found = women_feedback.themes_for_next_sessions(s, staff, today=today)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)

    assert [(t.group_code, t.theme, t.summary) for t in found] == expected
    assert reached["WAR-M002"] == [
        ("Money and decisions", "Since WAR-M002's last session"),
        ("Sharing of work", "Men fetch water now"),
    ]
    assert reached["TOM-M001"] == []  # another community
    assert len(statements) <= 4, len(statements)
