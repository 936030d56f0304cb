"""Importing a round's answers as KoboToolbox and ODK exports arrive: headers by statement
number in their several spellings, answers in words or digits, consent and date when present,
every other column ignored; a row in trouble is reported and then nothing is saved.

The group WR-001 starts on Monday 5 January 2026 (its last session on 20 April) with three men
enrolled; the import runs on 1 June 2026."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from mwp_desktop.models import Participant, SurveyAnswer, SurveyResponse, SurveyRound
from mwp_desktop.services.surveys.man_scores import man_scores
from mwp_desktop.services.surveys.survey_import import answer_code, import_survey
from tests.builders.accounts import STAFF, SUPERVISOR
from tests.builders.groups import add_group_with_members

TODAY = date(2026, 6, 1)
ITEMS = range(1, 24)


@pytest.fixture
def men(db):
    """(group id, the three men's codes)."""
    with db.session() as s:
        group_id, ids = add_group_with_members(
            s, 3, code="WR-001", start=date(2026, 1, 5), enrolled_on=date(2026, 1, 1), planned=True
        )
        codes = [s.get(Participant, pid).code for pid in ids]
    return group_id, codes


def write_csv(tmp_path, lines: list[list[str]]):
    path = tmp_path / "answers.csv"
    path.write_text("\n".join(",".join(cells) for cells in lines), encoding="utf-8")
    return path


def run(db, path, kind="baseline", **options):
    with db.session() as s:
        return import_survey(s, STAFF, path, kind, today=TODAY, **options)


def scores(db, group_id):
    with db.session() as s:
        return {man.code: man for man in man_scores(s, SUPERVISOR, group_id)}


def counts(db):
    with db.session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(table))
            for table in (SurveyRound, SurveyResponse, SurveyAnswer)
        )


def test_a_kobotoolbox_export_with_its_own_columns_and_choice_names(db, tmp_path, men):
    group_id, codes = men
    header = [
        "start",
        "end",
        "group_gem/participant_code",
        "Consent",
        "Date",
        *(f"group_gem/q{n}" for n in ITEMS),
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
    ]
    first = [
        "2026-01-05T09:00",
        "2026-01-05T09:20",
        codes[0],
        "yes",
        "05/01/2026",
        *(["do_not_agree"] * 17 + ["agree"] * 6),
        "11",
        "abc",
        "2026-01-05",
        "1",
    ]
    second = ["", "", codes[1].lower(), "no", "2026-01-04", *([""] * 23), "12", "def", "", "2"]
    path = write_csv(tmp_path, [header, first, second])  # fmt: skip

    result = run(db, path)

    assert result.problems == []
    assert result.summary(False) == "Baseline answers of 1 men and 1 refusals were imported."
    found = scores(db, group_id)
    assert found[codes[0]].rounds["baseline"].total == 69.0
    assert found[codes[0]].days["baseline"] == date(2026, 1, 5)
    assert found[codes[1]].rounds["baseline"] is None  # refused: no answers kept
    assert counts(db) == (1, 2, 23)


def test_an_odk_export_with_numbered_headers_digits_and_no_consent_column(db, tmp_path, men):
    group_id, codes = men
    header = ["Code", *(str(n) for n in ITEMS)]
    answers = ["2"] * 20 + ["refused", "Don't know", ""]  # 20 answered of 23: scored
    path = write_csv(tmp_path, [header, [codes[2], *answers]])

    assert run(db, path).problems == []

    man = scores(db, group_id)[codes[2]]
    assert man.rounds["baseline"].answered == 20
    assert man.rounds["baseline"].total == 46.0
    # No date column: dated at session 1, where a baseline belongs.
    assert man.days["baseline"] == date(2026, 1, 5)


@pytest.mark.parametrize(
    ("header", "number"),
    [("Q7", 7), ("item 7", 7), ("Item_07", 7), ("gem7", 7), ("7", 7), ("q-7", 7)],
)
def test_statement_headers_in_their_spellings(db, tmp_path, men, header, number):
    group_id, codes = men
    path = write_csv(tmp_path, [["Participant code", header], [codes[0], "Agree"]])
    assert run(db, path).problems == []
    with db.session() as s:
        assert s.scalar(select(SurveyAnswer.item_number)) == number


@pytest.mark.parametrize(
    ("text", "code"),
    [("Agree", 1), ("AGREE", 1), ("1", 1), ("1.0", 1), ("Partially agree", 2),
     ("partially_agree", 2), ("2", 2), ("Do not agree", 3), ("do not AGREE", 3), ("3", 3),
     ("", None), ("Refused", None), ("don't know", None), ("Don’t know", None)],
)  # fmt: skip
def test_answers_in_words_or_digits(text, code):
    assert answer_code(text) == code


def test_every_row_in_trouble_is_reported_and_nothing_is_saved(db, tmp_path, men):
    _group_id, codes = men
    header = ["Code", "Consent", *(f"Q{n}" for n in ITEMS)]
    good = [codes[0], "yes", *(["agree"] * 23)]
    unknown = ["P9999999", "yes", *(["agree"] * 23)]
    impossible = [codes[1], "yes", "maybe", *(["agree"] * 22)]
    twice = [codes[0], "yes", *(["agree"] * 23)]
    blank_consent = [codes[2], "", *(["agree"] * 23)]
    path = write_csv(tmp_path, [header, good, unknown, impossible, twice, blank_consent])

    result = run(db, path)

    assert result.problems == [
        (3, "no participant has the code P9999999"),
        (4, "statement 1: 'maybe' is not an answer (Agree, Partially agree, Do not agree, or 1-3)"),
        (5, f"{codes[0]} appears more than once in the file"),
        (6, "consent is blank: write yes or no"),
    ]
    assert result.summary(False).startswith("Nothing imported: 4 rows have problems")
    assert counts(db) == (0, 0, 0)


def test_a_statement_the_questionnaire_lacks_is_reported(db, tmp_path, men):
    _group_id, codes = men
    path = write_csv(tmp_path, [["Code", "Q24"], [codes[0], "agree"]])
    assert run(db, path).problems == [(2, "the GEM Scale (version 1) has no statement 24")]
    assert counts(db) == (0, 0, 0)


def test_an_endline_dated_before_the_last_session_is_reported(db, tmp_path, men):
    _group_id, codes = men
    path = write_csv(tmp_path, [["Code", "Date", "1"], [codes[0], "13/04/2026", "agree"]])
    (problem,) = run(db, path, "endline").problems
    assert problem[0] == 2 and "at or after the last session (20/04/2026)" in problem[1]


def test_a_file_without_a_code_column_is_refused_in_one_sentence(db, tmp_path, men):
    path = write_csv(tmp_path, [["Name", "Q1"], ["Abu", "agree"]])
    with pytest.raises(Exception, match="participant code column"):
        run(db, path)


def test_an_xlsx_export_is_read_too(db, tmp_path, men):
    group_id, codes = men
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", *(f"Q{n}" for n in ITEMS)])
    sheet.append([codes[0], *([3] * 17 + [1] * 6)])  # numbers, as a spreadsheet keeps them
    path = tmp_path / "answers.xlsx"
    book.save(path)
    assert run(db, path).problems == []
    assert scores(db, group_id)[codes[0]].rounds["baseline"].total == 69.0
