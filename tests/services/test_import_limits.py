"""Oversized lists are refused early, saying the limit, and a list the codes cannot cover is
refused before anything is saved."""

from __future__ import annotations

import time
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from mwp_desktop.errors import UserError
from mwp_desktop.models import Participant, Setting
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration import table_reader
from mwp_desktop.services.registration.codes import COUNTER_KEY
from mwp_desktop.services.registration.participant_import import (
    load_source,
    plan_import,
    run_import,
)

LIMIT = f"at most {table_reader.MAX_ROWS:,} rows and"
SMALL_LIMIT = 2_000


@pytest.fixture
def small_row_limit(monkeypatch):
    """The row limit made small, so that reading up to it is quick."""
    monkeypatch.setattr(table_reader, "MAX_ROWS", SMALL_LIMIT)
    return f"at most {SMALL_LIMIT:,} rows and"


def write_xlsx(path, rows, *, dimension: str | None = None, padding: int = 0):
    """An .xlsx whose first sheet holds `rows` (a header and men called A B), written straight
    as XML so that a sheet far too big for openpyxl to write quickly costs nothing to make.
    `dimension` is what the sheet claims its size is; `padding` adds that many bytes of
    whitespace, which compress to almost nothing (a zip bomb)."""
    book = Workbook()
    book.active.title = "List"
    book.save(path)
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name != sheet:
                out.writestr(name, data)
        with out.open(sheet, "w", force_zip64=True) as xml:
            xml.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                xml.write(f'<dimension ref="{dimension}"/>'.encode())
            xml.write(b"<sheetData>")
            chunk = b" " * 1_000_000
            for _ in range(padding // len(chunk)):
                xml.write(chunk)
            xml.write(
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
                b'<c r="B1" t="inlineStr"><is><t>Sex</t></is></c></row>'
            )
            for n in range(2, rows + 1):
                xml.write(
                    f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>A B</t></is></c>'
                    f'<c r="B{n}" t="inlineStr"><is><t>M</t></is></c></row>'.encode()
                )
            xml.write(b"</sheetData></worksheet>")
    return path


def test_a_million_row_csv_is_refused_early_saying_the_limit(tmp_path):
    path = tmp_path / "million.csv"
    path.write_bytes(b"Name,Sex\r\n" + b"A B,M\r\n" * 1_000_000)
    started = time.perf_counter()
    with pytest.raises(UserError) as refused:
        load_source(path)
    assert time.perf_counter() - started < 5
    assert LIMIT in str(refused.value) and "MB" in str(refused.value)
    assert "million.csv" in str(refused.value)


def test_a_csv_larger_than_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"Name,Sex,Notes\r\n" + b"A B,M," + b"x" * 30_000_000 + b"\r\n")
    with pytest.raises(UserError, match=LIMIT):
        load_source(path)


def test_an_xlsx_whose_sheet_says_it_is_too_long_is_refused_before_reading(tmp_path):
    path = write_xlsx(tmp_path / "claims.xlsx", 3, dimension="A1:B5000000")
    with pytest.raises(UserError, match=LIMIT):
        load_source(path)


def test_an_xlsx_longer_than_the_limit_is_refused_without_trusting_its_dimension(
    tmp_path, small_row_limit
):
    path = write_xlsx(tmp_path / "long.xlsx", SMALL_LIMIT + 10, dimension="A1:B3")
    with pytest.raises(UserError, match=small_row_limit):
        load_source(path)


def test_an_xlsx_that_unpacks_to_far_more_than_it_weighs_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "bomb.xlsx", 3, padding=250_000_000)
    assert path.stat().st_size < 2_000_000
    started = time.perf_counter()
    with pytest.raises(UserError, match=LIMIT) as refused:
        load_source(path)
    assert time.perf_counter() - started < 2
    assert "unpack" in str(refused.value)


def test_a_list_as_long_as_the_limit_is_read(tmp_path, small_row_limit):
    xlsx = write_xlsx(tmp_path / "full.xlsx", SMALL_LIMIT, dimension=f"A1:B{SMALL_LIMIT}")
    assert len(load_source(xlsx).rows) == SMALL_LIMIT - 1
    csv = tmp_path / "full.csv"
    csv.write_text("Name,Sex\n" + "A B,M\n" * (SMALL_LIMIT - 1))
    assert len(load_source(csv).rows) == SMALL_LIMIT - 1


def test_running_out_of_participant_codes_is_said_plainly_and_saves_nothing(db, tmp_path):
    with db.session() as s:
        s.add(Setting(key=COUNTER_KEY, value="999997"))
    path = tmp_path / "list.csv"
    path.write_text("Name,Sex\nAbu Kamara,M\nSorie Sesay,M\nMusa Conteh,M\n")
    with pytest.raises(UserError) as refused, db.session() as s:
        plan = plan_import(s, load_source(path), today=date(2026, 3, 2))
        run_import(s, SYSTEM, plan)
    message = str(refused.value)
    assert "participant codes" in message and "2 codes are left" in message
    assert "3 new people need a code" in message and "out of range" not in message
    with db.session() as s:
        assert s.scalar(select(func.count(Participant.id))) == 0
