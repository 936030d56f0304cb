"""A round's entry grid as a table: a row per man, his consent and how many statements are
answered, then a column per statement showing A, P, D or – (refused / don't know)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QBrush, QColor

from ...services.surveys.entry_sheet import EntrySheet, SheetRow
from ...services.surveys.instruments import Item
from ..shared.table_model import BACKGROUND, CENTER, RIGHT, ROOT, Column, Index, TableModel

ANSWER_LETTERS = {1: "A", 2: "P", 3: "D", None: "–"}
ANSWER_WORDS = {1: "Agree", 2: "Partially agree", 3: "Do not agree", None: "refused / don't know"}
CONSENT_TEXT = {"given": "Yes", "refused": "Refused", None: ""}
CONSENT_COLUMN = 2
FIRST_ITEM_COLUMN = 4

_answered = QBrush(QColor("#e6f1ea"))
_missing = QBrush(QColor("#f6ecd0"))
_refused = QBrush(QColor("#e2e6e8"))


class SurveyModel(TableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.sheet: EntrySheet | None = None
        self.rows: list[SheetRow] = []

    def load(self, sheet: EntrySheet | None) -> None:
        self.beginResetModel()
        self.sheet = sheet
        self.rows = list(sheet.rows) if sheet is not None else []
        self.columns = self._columns(sheet) if sheet is not None else ()
        self.endResetModel()

    def _columns(self, sheet: EntrySheet) -> tuple[Column, ...]:
        count = len(sheet.instrument.items)
        return (
            Column("Code", lambda r: r.code, width=88, fixed=True),
            Column("Name", lambda r: r.name, width=140),
            Column("Consent", lambda r: CONSENT_TEXT[r.consent], width=64, fixed=True,
                   align=CENTER),
            Column("Answered", lambda r: f"{_given(r)}/{count}", lambda r: _given(r), width=76,
                   fixed=True, align=RIGHT),
            *(self._item_column(item) for item in sheet.instrument.items),
        )  # fmt: skip

    def _item_column(self, item: Item) -> Column:
        number = item.number

        def text(row: SheetRow) -> str:
            return ANSWER_LETTERS[row.answers[number]] if number in row.answers else ""

        return Column(str(number), text, width=30, fixed=True, align=CENTER,
                      tip=lambda row: f"{item.number}. {item.statement}")  # fmt: skip

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def cell_row(self, line: int) -> SheetRow | None:
        return self.rows[line] if 0 <= line < len(self.rows) else None

    def item_at(self, column: int) -> Item | None:
        position = column - FIRST_ITEM_COLUMN
        items = self.sheet.instrument.items if self.sheet is not None else ()
        return items[position] if 0 <= position < len(items) else None

    def record(self, line: int, row: SheetRow) -> None:
        """Show what the service saved for this man (his answers, his consent)."""
        self.rows[line] = row
        self.dataChanged.emit(self.index(line, 0), self.index(line, self.columnCount() - 1))

    def with_answer(self, line: int, number: int, code: int | None, *, cleared=False) -> SheetRow:
        row = self.rows[line]
        answers = dict(row.answers)
        if cleared:
            answers.pop(number, None)
        else:
            answers[number] = code
        consent = row.consent or "given"
        return replace(row, answers=answers, consent=consent)

    def role_data(self, row: SheetRow, col: int, role: int):
        if role != BACKGROUND or col < CONSENT_COLUMN:
            return None
        if row.consent == "refused":
            return _refused
        item = self.item_at(col)
        if item is None or item.number not in row.answers:
            return None
        return _missing if row.answers[item.number] is None else _answered


def _given(row: SheetRow) -> int:
    return sum(1 for code in row.answers.values() if code is not None)
