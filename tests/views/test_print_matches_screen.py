"""What is printed agrees with what the Sessions panel shows: the same men to call, the same
register marks, totals and certificate standing."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pypdf
from sqlalchemy import select

from mwp_desktop.models import Enrollment, Group
from mwp_desktop.services.documents import certificates, print_data, print_jobs
from mwp_desktop.services.sessions.attendance import STATUS_LETTERS, load_register
from mwp_desktop.services.sessions.completion import group_eligibility
from mwp_desktop.services.sessions.follow_up import follow_up_list
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.marks import add_held_group

START = date(2026, 1, 5)
TODAY = date(2026, 6, 1)


def held(db, code: str, patterns: list[str], makeups: dict[int, list[int]] | None = None):
    group_id, people, _ = add_held_group(
        db, patterns, code=code, start=START, today=TODAY, makeups=makeups
    )
    return group_id, people


def pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path), strict=True)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_printed_follow_up_lists_the_men_the_follow_up_tab_lists(db, tmp_path):
    # Cases where a separate printing rule once disagreed: excused ends the run, a make-up
    # attended ends it, a closed group is not chased, make-ups missed do not lengthen it.
    held(db, "WR-001", ["PPPPPPAA", "PPPPPAEA", "PPPPPPAA", "AAAAAAAA", "PPPP--AA"],
               makeups={7: [2]})  # fmt: skip
    closed_id, _ = held(db, "WR-002", ["PPPPPAAA", "PPPPPPPA"])
    with db.session() as s:
        s.get(Group, closed_id).status = "closed"
    with db.session() as s:
        on_screen = follow_up_list(s, STAFF, today=TODAY)
        printed = print_data.follow_up(s, STAFF, as_of=TODAY)
    codes = [i.code for i in on_screen]
    assert len(codes) == 3  # members 0, 3 and 4 of WR-001
    assert [line.code for line in printed.lines] == codes
    assert [line.consecutive_absences for line in printed.lines] == [
        i.missed_in_a_row for i in on_screen
    ]
    out = tmp_path / "follow-up.pdf"
    assert print_jobs.make_follow_up(db, STAFF, out, TODAY) == 3
    assert sorted(re.findall(r"P\d{7}", pdf_text(out))) == sorted(codes)


def test_printed_register_shows_the_screen_register(db, tmp_path):
    patterns = [
        "P" * 16,  # every session
        "PPPPPPPPPPPAAAAA",  # 11: one short
        "PPPPPPPPPPPLAAAA",  # 12 with a late: enough
        "PPPPPPPPPPPAAAAA",  # 11, and a make-up of session 12: enough
        "PPPPEEEPPPPPPPPA",  # excused three times: 12
        "PPPPPPPPPPPPPAAA",  # 13, then dropped: never eligible
    ]
    group_id, people = held(db, "WR-003", patterns, makeups={11: [3]})
    with db.session() as s:
        enrollment = s.scalar(select(Enrollment).where(Enrollment.participant_id == people[5]))
        enrollment.status, enrollment.ended_on = "dropped", START + timedelta(weeks=13)
    with db.session() as s:
        screen = load_register(s, STAFF, group_id, today=TODAY)
        printed = print_data.register(s, STAFF, group_id)
        rule = group_eligibility(s, group_id)
        candidates = {c.participant_id: c for c in certificates.candidates(s, ADMIN, group_id)}
    assert printed.column_labels == tuple(c.label for c in screen.columns)
    assert len(printed.rows) == len(screen.rows) == 6
    for row, line in zip(screen.rows, printed.rows, strict=True):
        assert line.code == row.code
        for column, mark in zip(screen.columns, line.marks, strict=True):
            saved = screen.mark(row.participant_id, column.meeting_id)
            if screen.counts(row, column):
                assert mark == STATUS_LETTERS.get(saved, "")
            else:
                assert mark == "–"  # not a member that day, as the screen greys it
        total = screen.row_total(row)
        assert line.total == total.text
        assert line.eligible == screen.eligible(row)
        standing = rule[row.participant_id]
        assert standing.sessions_attended == total.attended
        assert standing.eligible == line.eligible == candidates[row.participant_id].eligible
    assert [line.eligible for line in printed.rows] == [screen.eligible(r) for r in screen.rows]
    assert {people[i] for i in (0, 2, 3, 4)} == {
        r.participant_id for r in screen.rows if screen.eligible(r)
    }
    for column, text in zip(screen.columns, printed.column_totals, strict=True):
        attended, expected = screen.column_total(column)
        assert text == f"{attended}/{expected}"
    out = print_jobs.make_register(db, STAFF, group_id, tmp_path / "register.pdf")
    text = pdf_text(out)
    for line in printed.rows:
        assert (f"✓ {line.total}" if line.eligible else line.total) in text
    assert "12m" in text
