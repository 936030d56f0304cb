"""FIT columns sized to their widest text once each time the rows change, not at every layout.

Qt's ResizeToContents mode measures a column again at every layout of its table (each tab added
to a panel, each show, each resize), asking the model about ten roles per cell for up to 1,000
rows each time: opening the Settings panel at national scale made 392,000 such calls for the
communities, facilitators and audit trail lists. The widest text of a column is the same until
the rows change, so it is measured then, from the column's own text and the table's font, over
every row; the user may still drag the column wider or narrower.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStyle, QTableView


def fit_when_rows_change(table: QTableView, model, numbers: list[int]) -> None:
    """Size the FIT columns `numbers` of `model` (a TableModel shown by `table`, perhaps
    through a proxy) now and whenever its rows are replaced, added or removed."""
    if getattr(table, "_fitted_model", None) is model:
        return  # apply_columns again on the same model: already following it

    def fit(*_signal_arguments) -> None:
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        # The text margins Qt's own item delegate leaves on each side, and the grid line.
        margin = 2 * (table.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, table) + 1) + 1
        lines = range(model.rowCount())
        for number in numbers:
            text = model.columns[number].text
            shown = {str(text(model.cell_row(line))) for line in lines}
            widest = max((metrics.horizontalAdvance(t) for t in shown), default=0) + margin
            header.resizeSection(number, max(widest, header.sectionSizeHint(number)))

    table._fitted_model = model
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
        signal.connect(fit)
    # A style sheet may give the table another font as it is first shown: measure again then.
    table._refit_on_font = _RefitOnFont(fit, table)
    table.installEventFilter(table._refit_on_font)
    fit()


class _RefitOnFont(QObject):
    def __init__(self, fit, parent: QObject):
        super().__init__(parent)
        self.fit = fit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _FONT_EVENTS:
            self.fit()
        return False


_FONT_EVENTS = (QEvent.FontChange, QEvent.StyleChange, QEvent.Polish)
