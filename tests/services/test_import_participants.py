"""Importing participant lists as they really arrive, made by the tests themselves."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from mwp_desktop.errors import UserError
from mwp_desktop.models import AuditEvent, Community, Enrollment, Participant
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration.participant_export import EXPORT_HEADERS, export_participants
from mwp_desktop.services.registration.participant_import import (
    ERROR,
    IN_FILE,
    NEW,
    OTHER_SEX,
    REGISTERED,
    load_source,
    plan_import,
    problem_rows_table,
    run_import,
)
from mwp_desktop.services.tables import write_table
from tests.builders.groups import add_group
from tests.builders.people import add_participant
from tests.builders.places import add_community

TODAY = date(2026, 3, 2)


def write_csv(path, lines, encoding="utf-8", sep=","):
    path.write_bytes("\r\n".join(sep.join(cells) for cells in lines).encode(encoding))
    return path


def import_file(db, path, **kw):
    source = load_source(path)
    with db.session() as s:
        plan = plan_import(s, source, today=TODAY, group_id=kw.get("group_id"))
        result = run_import(s, SYSTEM, plan, today=TODAY, source_name=path.name)
    return plan, result


def count(db, model):
    with db.session() as s:
        return s.scalar(select(func.count(model.id)))


def test_windows_1252_semicolon_csv_with_title_rows(db, tmp_path):
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["LEWAF – MWP participants, Tombo"],
            ["Registered March 2026"],
            [],
            ["S/N", "Full Name", "Gender", "Age", "Phone No.", "Village"],
            ["1", "Mohamed Kamara", "Male", "34", "076 123 456", "Tombo"],
            [";;;;;"],
            ["2", "Abdul Kônéh", "m", "1990", "+232 88 555111", "Tombo"],
            ["3", "Ibrahim", "M", "30", "", "Tombo"],
            ["4", "Sorie Sesay", "X", "200", "12", "Tombo"],
        ],
        encoding="cp1252",
        sep=";",
    )
    plan, result = import_file(db, path)
    statuses = {r.number: (r.status, r.reason) for r in plan.rows}
    assert statuses[5][0] == NEW
    assert statuses[7][0] == NEW
    assert statuses[8] == (ERROR, "Surname is required.")
    status, reason = statuses[9]
    assert status == ERROR and "not a sex" in reason and "Age" in reason and "too few" in reason
    assert result.imported == 2 and result.errors == 2
    assert plan.new_communities == (("Tombo", "", ""),)
    with db.session() as s:
        names = sorted(p.full_name for p in s.scalars(select(Participant)))
        assert names == ["Abdul Kônéh", "Mohamed Kamara"]
        assert s.scalar(select(Community.name)) == "Tombo"


def test_utf8_bom_first_name_and_surname_columns(db, tmp_path):
    with db.session() as s:
        add_community(s, "Goderich", chiefdom="", district="Western Urban")
    path = tmp_path / "bom.csv"
    path.write_bytes(
        "\ufeffFirst Name,Surname,Sex,Year of Birth,Mobile,Community\n"
        "Fatmata,Kargbo,F,1995,76123456,goderich\n"
        "Aminata,Conteh,Female,,,Goderich\n".encode()
    )
    plan, result = import_file(db, path)
    assert [r.status for r in plan.rows] == [NEW, NEW]
    assert plan.new_communities == ()
    assert result.imported == 2 and count(db, Community) == 1


def test_xlsx_with_title_row_numbers_and_dates(db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Men's group list — Moyamba"])
    sheet.append([])
    sheet.append(["Name", "Sex", "Age", "Tel", "Town", "Consent date"])
    sheet.append(["Alusine Bangura", "M", 41, 76123456, "Moyamba", date(2026, 1, 5)])
    sheet.append(["Foday Turay", "M", 25.0, "099 111 222", "Moyamba", "06/01/2026"])
    sheet.append(["Osman Jalloh", "M", 33, None, "Moyamba", date(2027, 1, 1)])
    path = tmp_path / "list.xlsx"
    book.save(path)
    plan, result = import_file(db, path)
    assert [(r.number, r.status) for r in plan.rows] == [(4, NEW), (5, NEW), (6, ERROR)]
    assert "future" in plan.rows[2].reason
    with db.session() as s:
        alusine = s.scalars(select(Participant).where(Participant.last_name == "Bangura")).one()
        assert (alusine.phone, alusine.birth_year) == ("+23276123456", 1985)
        assert alusine.consent_date == date(2026, 1, 5)


def test_duplicates_in_file_and_in_database_are_not_imported_twice_and_shared_phones_noted(
    db, tmp_path
):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        kamara = add_participant(s, "Mohamed", "Kamara", phone="+23276123456", community=tombo)
    path = write_csv(
        tmp_path / "dups.csv",
        [
            ["Name", "Sex", "Phone", "Community"],
            ["Mohamed Kamara", "M", "", "Tombo"],
            ["Sorie Koroma", "M", "088 111 222", "Tombo"],
            ["SORIE  KOROMA", "M", "", "Tombo"],
            ["Brima Sesay", "M", "088111222", "Tombo"],
            ["Santigie Kanu", "M", "+23276123456", "Tombo"],
        ],
    )
    plan, result = import_file(db, path)
    # Shared phones are a family's or a neighbour's: those men go in, each with a note.
    assert [r.status for r in plan.rows] == [REGISTERED, NEW, IN_FILE, NEW, NEW]
    assert "row 3" in plan.rows[2].reason and "row 3" in plan.rows[3].note
    assert plan.rows[0].reason == f"{kamara.code} has the same name, community and age."
    assert plan.rows[4].note == f"Same phone number as Mohamed Kamara ({kamara.code})."
    assert result.imported == 3
    assert count(db, Participant) == 4


def test_importing_the_same_file_twice_adds_nothing(db, tmp_path):
    with db.session() as s:
        gid = add_group(s, "M26-001", community=add_community(s, "Tombo", chiefdom="Koya")).id
    path = write_csv(
        tmp_path / "group.csv",
        [["Name", "Age", "Phone"], ["Mohamed Kamara", "34", "076123456"], ["Sorie Koroma", "", ""]],
    )
    first, result = import_file(db, path, group_id=gid)  # no Sex column: a men's group
    assert result.imported == 2
    second, again = import_file(db, path, group_id=gid)
    assert again.imported == 0
    assert [r.status for r in second.rows] == [REGISTERED, REGISTERED]
    assert count(db, Participant) == 2
    assert count(db, Enrollment) == 2
    with db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "participant")).all()
        assert len(events) == 2 and all("imported from group.csv" in e.summary for e in events)
        assert {json.loads(e.after)["phone"] for e in events} == {"+23276123456", None}


def test_a_list_without_sex_outside_a_group_is_refused_before_anything(db, tmp_path):
    path = write_csv(tmp_path / "nosex.csv", [["Name", "Age"], ["Mohamed Kamara", "34"]])
    source = load_source(path)
    with db.session() as s, pytest.raises(UserError, match="sex"):
        plan_import(s, source, today=TODAY)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("noheader.csv", b"a,b,c\n1,2,3\n", "no header"),
        ("binary.csv", b"\x00\x01\x02PK\x00", "not a text"),
        ("fake.xlsx", b"not a zip", "cannot be read"),
        ("old.xls", b"\xd0\xcf", "old Excel"),
    ],
)
def test_unreadable_files_give_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        load_source(path)


def test_export_neutralises_formulas(db, tmp_path):
    with db.session() as s:
        place = add_community(s, '=HYPERLINK("x")', chiefdom="", district="")
        add_participant(s, "Mohamed", "Kamara", phone="+23276123456", community=place)
    out = tmp_path / "out.csv"
    with db.session() as s:
        assert export_participants(s, SYSTEM, out) == 1
    text = out.read_text("utf-8-sig").splitlines()
    assert text[0] == ",".join(EXPORT_HEADERS)
    assert "'=HYPERLINK" in text[1] and "+23276123456" in text[1]  # exports: international


def test_excel_separator_hint_line_is_understood(tmp_path):
    path = tmp_path / "hint.csv"
    path.write_bytes(b"sep=;\r\nName;Sex;Village\r\nMohamed Kamara;M;Tombo, Koya\r\n")
    source = load_source(path)
    assert source.header == ("Name", "Sex", "Village") and source.header_row == 2
    assert source.rows[0].number == 3 and source.rows[0].cells[2] == "Tombo, Koya"


def test_a_formula_is_not_a_name_and_is_not_imported(db, tmp_path):
    path = write_csv(
        tmp_path / "formula.csv",
        [
            ["First Name", "Surname", "Sex", "Community"],
            ['=HYPERLINK("http://example.invalid","click")', "Kamara", "M", "Tombo"],
            ["José", "O'Kelly-Mansaray", "M", "Tombo"],
        ],
        sep=";",
    )
    plan, result = import_file(db, path)
    assert [r.status for r in plan.rows] == [ERROR, NEW]
    assert plan.rows[0].reason.startswith("First name may hold only letters")
    with db.session() as s:
        assert [p.full_name for p in s.scalars(select(Participant))] == ["José O'Kelly-Mansaray"]


def test_a_woman_on_a_mens_groups_list_is_listed_apart_and_not_enrolled(db, tmp_path):
    with db.session() as s:
        gid = add_group(s, "M26-001", community=add_community(s, "Tombo", chiefdom="Koya")).id
    path = write_csv(
        tmp_path / "group.csv",
        [["Name", "Sex", "Age"], ["Mohamed Kamara", "M", "34"], ["Fatmata Conteh", "F", "29"]],
    )
    plan, result = import_file(db, path, group_id=gid)
    assert [r.status for r in plan.rows] == [NEW, OTHER_SEX]
    assert plan.rows[1].reason == (
        "M26-001 is a men's group, and this participant is a woman: import her with a "
        "women's group."
    )
    assert "1 row of the other sex" in plan.summary()
    assert result.imported == 1 and count(db, Enrollment) == 1
    assert "1 of the other sex" in result.summary()


def test_the_problem_rows_file_keeps_every_column_so_it_can_be_fixed_and_imported_again(
    db, tmp_path
):
    with db.session() as s:
        add_community(s, "Tombo", chiefdom="Koya")
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["S/N", "Names", "Gender", "Age", "Village", "Remarks"],
            ["1", "Mohamed Kamara", "M", "34", "Tombo", "leader"],
            ["2", "Sorie Koroma", "M", "abc", "Tombo", "came late"],
            ["3", "Mohamed Kamara", "M", "34", "Tombo"],
        ],
    )
    source = load_source(path)
    with db.session() as s:
        plan = plan_import(s, source, today=TODAY)
        run_import(s, SYSTEM, plan, today=TODAY)
    headers, rows = problem_rows_table(source, plan)
    assert headers == (
        "S/N",
        "Names",
        "Gender",
        "Age",
        "Village",
        "Remarks",
        "Not imported because",
    )
    assert rows == [
        ("2", "Sorie Koroma", "M", "abc", "Tombo", "came late",
         "error: 'abc' is not an age or a year of birth."),
        ("3", "Mohamed Kamara", "M", "34", "Tombo", "",
         "duplicate in file: Same name, community and age as row 2."),
    ]  # fmt: skip

    # Fixed in Excel (the age corrected), the same file goes in again.
    report = tmp_path / "rows-not-imported.csv"
    write_table(report, headers, [(*rows[0][:3], "40", *rows[0][4:]), rows[1]], sheet="Rows")
    again, result = import_file(db, report)
    assert [r.status for r in again.rows] == [NEW, REGISTERED]
    assert result.imported == 1
