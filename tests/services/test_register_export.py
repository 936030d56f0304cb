"""`export attendance` and `export schedule`, and the sessions agenda."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from mwp_desktop.cli import main
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.agenda import agenda, week_start
from mwp_desktop.services.sessions.attendance import set_mark
from tests.builders.accounts import FACILITATOR, STAFF
from tests.builders.groups import add_group_with_members

START = date(2026, 1, 5)


def group_with_marks(db):
    with db.session() as s:
        group_id, people = add_group_with_members(s, 2, code="MOY-014")
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(16)]
        )
        set_mark(s, STAFF, ids[0], people[0], "present", today=START)
        set_mark(s, STAFF, ids[0], people[1], "excused", today=START)
        scheduling.cancel_meeting(s, STAFF, ids[1], "Heavy rain")
        makeup = scheduling.add_makeup(s, STAFF, ids[1], START + timedelta(days=9))
        set_mark(s, STAFF, makeup, people[1], "late", today=START + timedelta(days=9))
    return group_id, people, ids


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_export_attendance_writes_the_register(db, tmp_path, capsys, command_line_staff):
    group_with_marks(db)
    db.close()
    out = tmp_path / "register.csv"
    code = main(
        ["export", "attendance", "--group", "moy-014", "--out", str(out), "--db", db.target()]
    )
    assert code == 0
    assert "Wrote 2 participants of group MOY-014" in capsys.readouterr().out
    rows = read_csv(out)
    assert rows[0][:4] == ["Code", "Name", "S1", "S2"]
    assert rows[0][-4:] == ["S2 make-up", "Attended", "Rate", "Completed"]
    by_name = {r[1].split()[0]: r for r in rows[1:]}
    # Session 1: P and E. Session 2 was cancelled and held as a make-up, which only the
    # second man attended (late): it counts as session 2 for both.
    assert by_name["Mohamed"][2:4] == ["P", ""]
    assert by_name["Mohamed"][-4:] == ["", "1", "50%", "no"]
    assert by_name["Ibrahim"][2] == "E"
    assert by_name["Ibrahim"][-4:] == ["L", "1", "50%", "no"]


def test_export_schedule_lists_every_meeting(db, tmp_path, capsys, command_line_staff):
    group_with_marks(db)
    db.close()
    out = tmp_path / "schedule.xlsx"
    code = main(
        ["export", "schedule", "--group", "MOY-014", "--out", str(out), "--db", db.target()]
    )
    assert code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Session", "Title", "Make-up", "Planned date", "Held date", "Status", "Note")
    assert len(rows) == 1 + 17
    assert rows[1][0] == 1 and rows[1][5] == "held"
    cancelled = [r for r in rows if r[5] == "cancelled"]
    assert cancelled[0][0] == 2 and cancelled[0][6] == "Heavy rain"
    assert [r[0] for r in rows if r[2] == "yes"] == [2]


def test_export_of_an_unknown_group_says_so(db, tmp_path, capsys, command_line_staff):
    db.close()
    code = main(
        [
            "export",
            "schedule",
            "--group",
            "NOPE",
            "--out",
            str(tmp_path / "x.csv"),
            "--db",
            db.target(),
        ]
    )
    assert code == 2
    assert "no group with the code 'NOPE'" in capsys.readouterr().err


def test_agenda_shows_this_and_next_week_with_overdue_meetings(db):
    group_with_marks(db)
    today = START + timedelta(weeks=3, days=2)  # Wednesday of week 4
    monday = week_start(today)
    with db.session() as s:
        items = agenda(s, STAFF, monday, monday + timedelta(days=13), today=today)
        assert [i.number for i in items] == [3, 4, 5]
        assert [i.overdue for i in items] == [True, True, False]  # 3 and this Monday's 4
        assert items[0].group_code == "MOY-014" and items[0].district == "Western Rural"
        assert not agenda(s, STAFF, monday, monday + timedelta(days=13), district="Bo", today=today)
        own = agenda(s, FACILITATOR, monday, monday + timedelta(days=13), today=today)
        assert own == []  # a facilitator account not linked to a facilitator leads no groups


def test_the_register_workbook_keeps_the_rate_a_number_that_sorts(
    db, tmp_path, capsys, command_line_staff
):
    from openpyxl import load_workbook

    group_with_marks(db)
    db.close()
    out = tmp_path / "MOY-014 register.xlsx"
    code = main(
        ["export", "attendance", "--group", "MOY-014", "--out", str(out), "--db", db.target()]
    )
    assert code == 0
    sheet = load_workbook(out)["Register"]
    header = [cell.value for cell in sheet[1]]
    rate = sheet.cell(2, header.index("Rate") + 1)
    assert (rate.value, rate.number_format) == (0.5, "0%")  # Calc and Excel show 50%
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
