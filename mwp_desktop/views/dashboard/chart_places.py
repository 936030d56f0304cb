"""Each chart's place in the Dashboard panel before the chart is there: its title and "Reading the
figures…", in a card the size of the chart.

The charts need pyqtgraph and numpy, half a second or more to import, which load on a worker
thread (chart_library.py) while the figures are read: the panel is shown at once with its
filters, its tiles and these places, so nothing on screen moves when the charts take them.
Nothing here imports the charts' library; the chart classes take their titles from here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

READING = "Reading the figures…"

WHERE_TO_ACT = "Where to act: facilitators, lowest attendance first"
WEEKLY = "Attendance week by week"
COMPLETION = "Completion by place (groups that finished)"
RETENTION = "Attendance by session number"
STATUS_MIX = "Attendance marks by month"
ENROLMENT = "Enrolment over time"
COMMITMENTS = "Commitments kept at the latest check-in"
ATTITUDE = "Attitude change: GEM score before and after"
DOSE = "Attitude change by sessions attended"

# In order of use: where to act first (the first screen at 1366x768 holds the first two).
IN_ORDER = (
    WHERE_TO_ACT,
    WEEKLY,
    COMPLETION,
    RETENTION,
    STATUS_MIX,
    ENROLMENT,
    COMMITMENTS,
    ATTITUDE,
    DOSE,
)


class ChartPlace(QFrame):
    """A chart's card, titled, saying that its figures are being read."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent, objectName="ChartCard")  # the card's look, before and after
        self.title = title
        self.title_label = QLabel(title, objectName="ChartTitle")
        self.title_label.setWordWrap(True)
        self.message = QLabel(READING, alignment=Qt.AlignCenter, objectName="ChartEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message, 1)

    def say(self, text: str) -> None:
        self.message.setText(text)
