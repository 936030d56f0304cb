"""One phone format for people: the local "076 123 456" on screen and on paper, read through
one function (validation.display_phone); the stored international "+23276123456" only in
exports, for other systems (issue 15, item 14)."""

from __future__ import annotations

import csv
import re
from datetime import date

from sqlalchemy import select

from mwp_desktop.models import Meeting
from mwp_desktop.services.documents import print_data
from mwp_desktop.services.registration.participant_export import export_participants
from mwp_desktop.services.sessions.follow_up import export_follow_up
from mwp_desktop.services.tables import neutralise
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.marks import add_held_group

START = date(2026, 1, 5)
TODAY = date(2026, 3, 1)
LOCAL = r"0\d\d \d\d\d \d\d\d"


def absent_group(db) -> int:
    group_id, _people, _ = add_held_group(db, ["PPAAA", "PPPPP"], start=START, today=TODAY)
    return group_id


def phones_in(path) -> list[str]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    column = next(name for name in rows[0] if "phone" in name.lower())
    return [row[column] for row in rows if row[column]]


def test_the_printed_sign_in_sheet_shows_local_numbers(db):
    group_id = absent_group(db)
    with db.session() as s:
        meeting_id = s.scalars(select(Meeting.id).where(Meeting.group_id == group_id)).first()
        sheet = print_data.sign_in_sheet(s, ADMIN, meeting_id)
    phones = [line.phone for line in sheet.roster]
    assert phones and all(re.fullmatch(LOCAL, p) for p in phones), phones


def test_the_printed_follow_up_list_shows_local_numbers(db):
    absent_group(db)
    with db.session() as s:
        data = print_data.follow_up(s, ADMIN, as_of=TODAY)
    assert [line.phone[:1] for line in data.lines] == ["0"]


def test_exports_keep_the_international_number(db, tmp_path):
    absent_group(db)
    with db.session() as s:
        export_follow_up(s, STAFF, tmp_path / "calls.csv", today=TODAY)
        export_participants(s, STAFF, tmp_path / "people.csv")
    for name in ("calls.csv", "people.csv"):
        phones = phones_in(tmp_path / name)
        assert phones and all(p.startswith("+232") and len(p) == 12 for p in phones), phones


def test_only_a_whole_phone_number_escapes_the_formula_guard():
    assert neutralise("+23276123456") == "+23276123456"
    assert neutralise("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0"
    assert neutralise("+232 76 SUM(A1)") == "'+232 76 SUM(A1)"
