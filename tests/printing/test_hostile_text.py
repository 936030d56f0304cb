"""Hostile text in every printed document: whatever staff typed into a name, a venue, a group's
name or the organisation's settings, the document is still drawn, whole and readable.

reportlab's paragraphs read a small markup language ("<b>", "&amp;"), so a name such as
"Kamara <Jnr> & Sons" must be printed as typed, never parsed; and a word longer than a column
must not stop the page."""

from __future__ import annotations

from datetime import date

import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mwp_desktop.printing.certificate import write_certificates
from mwp_desktop.printing.data import (
    Branding,
    CertificateData,
    FollowUpData,
    FollowUpLine,
    RegisterData,
    RegisterRow,
    RosterLine,
    ScheduleData,
    ScheduleLine,
    SessionPlanData,
    Signatory,
    SignInSheetData,
)
from mwp_desktop.printing.follow_up import write_follow_up
from mwp_desktop.printing.register import write_register
from mwp_desktop.printing.schedule import write_schedule
from mwp_desktop.printing.session_plan import write_session_plans
from mwp_desktop.printing.sign_in_sheet import write_sign_in_sheets

HOSTILE = [
    "<b>bold</b>",
    "Kamara <Jnr> & Sons",
    "&amp; &lt; &#0; &#x110000; &nosuch;",
    "<para>",
    "</para></para>",
    '<font name="nosuch" size="900">x</font>',
    "<img src='/etc/passwd'/>",
    "<a href='javascript:x'>link</a>",
    "W" * 400,  # one word far wider than any column
    "line one\nline two\r\nline three\tend",
    "\x00\x01\x07\x1b[31m",
    "\u202eevil\u202c \u200b\u200d\ufeff",
    "مرحبا بالعالم",
    "👨🏾‍👩🏿‍👧 🇸🇱",
    "e\u0301\u0301\u0301\u0301",
    "%s %d {0} {name}",
    " ",
    "",
]
# Any text a keyboard or a pasted spreadsheet could give (no lone surrogates: they cannot be
# stored), weighted towards the shapes above.
text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=120),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map(" ".join),
)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DAY = date(2026, 3, 10)


def assert_readable(path, at_least: int = 1) -> None:
    reader = pypdf.PdfReader(str(path), strict=True)
    assert len(reader.pages) >= at_least
    for page in reader.pages:
        page.extract_text()


def branding(words: list[str]) -> Branding:
    return Branding(
        organisation_name=words[0],
        short_name=words[1],
        program_name=words[2],
        signatories=(Signatory(words[3], words[4]), Signatory("", words[5])),
    )


@FUZZ
@given(words=st.lists(text, min_size=12, max_size=12))
def test_a_certificate_with_hostile_text(tmp_path, words):
    data = CertificateData(
        participant_name=words[6], participant_code="P000017", group_name=words[7],
        group_code=words[8], community=words[9], first_session=DAY, last_session=DAY,
        sessions_attended=14, sessions_total=16, serial="MWP-2026-00001",
        verification_code="ABCDE-FGH2K", qr_payload="MWP-CERT/" + words[10], issued_on=DAY,
    )  # fmt: skip
    assert_readable(write_certificates(tmp_path / "c.pdf", branding(words), [data]))


@FUZZ
@given(words=st.lists(text, min_size=14, max_size=14))
def test_a_sign_in_sheet_with_hostile_text(tmp_path, words):
    roster = tuple(RosterLine(words[i], words[i + 1], words[i + 2]) for i in (6, 9))
    data = SignInSheetData(
        group_name=words[12], group_code=words[13], community=words[6], session_number=3,
        session_title=words[7], planned_date=DAY, planned_time=words[8], venue=words[9],
        facilitator=words[10], roster=roster * 12,
    )  # fmt: skip
    assert_readable(write_sign_in_sheets(tmp_path / "s.pdf", branding(words), [data]))


@FUZZ
@given(words=st.lists(text, min_size=12, max_size=12))
def test_a_session_plan_with_hostile_text(tmp_path, words):
    plan = SessionPlanData(
        words[6], 5, words[7], 120, (words[8], words[9]), (words[10],) * 6, (words[11],)
    )
    assert_readable(write_session_plans(tmp_path / "p.pdf", branding(words), [plan]))


@FUZZ
@given(words=st.lists(text, min_size=12, max_size=12))
def test_a_schedule_register_and_follow_up_list_with_hostile_text(tmp_path, words):
    lines = tuple(
        ScheduleLine(n, words[6 + n % 6], DAY, None, words[(n + 1) % 12], "planned")
        for n in range(1, 17)
    )
    schedule = ScheduleData(words[6], words[7], words[8], words[9], words[10], words[11],
                            words[0], lines)  # fmt: skip
    assert_readable(write_schedule(tmp_path / "s.pdf", branding(words), schedule))

    rows = tuple(
        RegisterRow(words[i], words[i + 1], "active", ("P", "A") * 8, "50% (8/16)")
        for i in range(0, 10)
    )
    register = RegisterData(words[6], words[7], words[8], words[9],
                            tuple(str(n) for n in range(1, 17)), (DAY,) + (None,) * 15, rows,
                            12, 16)  # fmt: skip
    assert_readable(write_register(tmp_path / "r.pdf", branding(words), register))

    calls = tuple(
        FollowUpLine(
            words[i],
            words[i + 1],
            words[i + 2],
            words[i + 3],
            words[i + 4],
            words[(i + 5) % 12],
            3,
            DAY,
        )  # fmt: skip
        for i in range(0, 7)
    )
    assert_readable(
        write_follow_up(tmp_path / "f.pdf", branding(words), FollowUpData(2, DAY, calls))
    )


def test_markup_in_names_is_printed_as_typed(tmp_path):
    typed = ["Kamara <Jnr> & Sons", "<b>bold</b>", "&amp; Co"]
    roster = tuple(RosterLine(f"P00000{i}", name, "") for i, name in enumerate(typed))
    data = SignInSheetData(
        group_name="<i>Waterloo</i> & Kissy", group_code="WL-01", community="Waterloo",
        session_number=3, session_title="Gender <Roles>", planned_date=DAY, planned_time="",
        venue="A & B Hall", facilitator="Alhaji <Bangura>", roster=roster,
    )  # fmt: skip
    path = write_sign_in_sheets(tmp_path / "s.pdf", Branding(), [data])
    (page,) = pypdf.PdfReader(str(path)).pages
    shown = " ".join(page.extract_text().split())
    for expected in [*typed, "<i>Waterloo</i> & Kissy", "Gender <Roles>", "A & B Hall",
                     "Alhaji <Bangura>"]:  # fmt: skip
        assert expected in shown, expected
