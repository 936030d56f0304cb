"""A group's attitude results: the group's change (means before and after, the share whose
score rose, the bands) and each statement's share agreeing before and after, for everyone who
may see the group; each man's scores and change only for supervisors and administrators."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from ...services.permissions import allowed
from ...services.surveys.group_summary import GroupAttitudes, group_attitudes
from ...services.surveys.man_scores import ManScores, man_scores
from ..shared import operations
from ..shared.context import AppContext
from ..shared.table_model import RIGHT, STRETCH, Column, RowTableModel, row_table


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def score_text(man: ManScores, kind: str) -> str:
    if kind not in man.rounds:
        return ""
    result = man.rounds[kind]
    if result is None:
        return "refused"
    return "not scored" if result.total is None else f"{result.total:.1f}"


def _change(man: ManScores) -> str:
    return "" if man.change is None else f"{man.change:+.1f}"


STATEMENT_COLUMNS = (
    Column("No.", lambda r: r.number, width=44, align=RIGHT),
    Column("Statement", lambda r: r.statement, width=STRETCH),
    Column("Agreed before", lambda r: share(r.agreed_before), lambda r: r.agreed_before or 0,
           width=104, align=RIGHT),
    Column("Agreed after", lambda r: share(r.agreed_after), lambda r: r.agreed_after or 0,
           width=104, align=RIGHT),
)  # fmt: skip
MAN_COLUMNS = (
    Column("Code", lambda m: m.code, width=100),
    Column("Baseline", lambda m: score_text(m, "baseline"), width=90, align=RIGHT),
    Column("Endline", lambda m: score_text(m, "endline"), width=90, align=RIGHT),
    Column("Follow-up", lambda m: score_text(m, "follow-up"), width=90, align=RIGHT),
    Column("Change", _change, lambda m: m.change if m.change is not None else -999,
           width=STRETCH, align=RIGHT),
)  # fmt: skip


def summary_text(group_code: str, found: GroupAttitudes) -> str:
    change = found.change
    if change is None:
        return (f"<b>{group_code}</b>: no man has both a scored baseline and a scored endline "
                "yet.")  # fmt: skip
    bands = lambda pairs: ", ".join(f"{label} {men}" for label, men in pairs)  # noqa: E731
    return (
        f"<b>{group_code}</b>: {change.men} men with both rounds scored · mean "
        f"{change.mean_before} before, {change.mean_after} after ({change.mean_change:+.1f}) · "
        f"score rose for {change.share_rose:.0%}<br>Bands before: {bands(change.bands_before)}"
        f" · after: {bands(change.bands_after)}"
    )


class SurveyResultsDialog(QDialog):
    def __init__(self, context: AppContext, group_id: int, group_code: str,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(f"Attitude results of {group_code}")
        self.resize(980, 620)
        actor = context.actor
        found = operations.read(context, lambda s: group_attitudes(s, actor, group_id))
        self.summary = QLabel(summary_text(group_code, found), objectName="ResultsSummary")
        self.summary.setWordWrap(True)
        self.statements = RowTableModel(self, STATEMENT_COLUMNS)
        self.statements.set_rows(found.statements)
        self.tabs = QTabWidget()
        self.tabs.addTab(row_table(self.statements), "Each statement")
        self.men: RowTableModel | None = None
        if allowed(actor, "survey_answers"):  # individual scores: supervisors, administrators
            self.men = RowTableModel(self, MAN_COLUMNS)
            self.men.set_rows(operations.read(context, lambda s: man_scores(s, actor, group_id)))
            self.tabs.addTab(row_table(self.men), "Each man")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
