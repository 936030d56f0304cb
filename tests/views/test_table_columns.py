"""Tables are written one way: columns say title, width, alignment and sort, the shared base
answers Qt from them, and the views show them as they say."""

import importlib
import inspect
import pkgutil
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView

import mwp_desktop.views
from mwp_desktop.views.groups.panel import GroupsPanel
from mwp_desktop.views.participants.panel import ParticipantsPanel
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.table_model import (
    FIT,
    RIGHT,
    SORT_ROLE,
    STRETCH,
    Column,
    RowTableModel,
    TableModel,
    row_table,
)
from tests.builders.groups import add_group
from tests.builders.places import add_community


@dataclass(frozen=True)
class Line:
    id: int
    name: str
    visits: int


COLUMNS = (
    Column("Name", lambda r: r.name, width=STRETCH),
    Column("Visits", lambda r: str(r.visits), lambda r: r.visits, width=70, align=RIGHT),
    Column("Note", lambda r: "a rather longer note" if r.visits > 9 else "", width=FIT),
    Column("Id", lambda r: r.id, width=50, fixed=True),
)


def test_a_table_shows_its_columns_as_they_say(qtbot):
    model = RowTableModel(columns=COLUMNS)
    model.set_rows([Line(1, "musa", 10), Line(2, "Abu", 9), Line(3, "Ibrahim", 2)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = row_table(proxy)
    qtbot.addWidget(table)
    table.resize(600, 300)
    table.show()
    qtbot.waitExposed(table)
    header = table.horizontalHeader()

    assert [header.model().headerData(c, Qt.Horizontal) for c in range(4)] == [
        "Name", "Visits", "Note", "Id",
    ]  # fmt: skip
    # Widths in pixels: the user may drag Visits wider, not Id.
    assert (header.sectionSize(1), header.sectionResizeMode(1)) == (70, QHeaderView.Interactive)
    assert (header.sectionSize(3), header.sectionResizeMode(3)) == (50, QHeaderView.Fixed)
    # The note is as wide as its longest text; the name takes what is left, to the edge.
    # It is measured when the rows change, not at every layout, and the user may drag it.
    assert header.sectionResizeMode(2) == QHeaderView.Interactive
    assert header.sectionSize(2) >= table.fontMetrics().horizontalAdvance("a rather longer note")
    assert header.sectionResizeMode(0) == QHeaderView.Stretch
    assert not header.stretchLastSection()
    assert abs(header.length() - header.viewport().width()) <= 1

    # New rows with a longer note widen the column to it.
    model.set_rows([Line(4, "Fatu", 10), Line(5, "Mariama", 99)])
    longer = "a rather longer note, made longer"
    model.columns = (*COLUMNS[:2], Column("Note", lambda r: longer, width=FIT), COLUMNS[3])
    model.set_rows([Line(4, "Fatu", 10)])
    assert header.sectionSize(2) >= table.fontMetrics().horizontalAdvance(longer)
    model.columns = COLUMNS
    model.set_rows([Line(1, "musa", 10), Line(2, "Abu", 9), Line(3, "Ibrahim", 2)])

    # Figures on the right, words on the left.
    assert proxy.index(0, 1).data(Qt.TextAlignmentRole) == RIGHT
    assert proxy.index(0, 0).data(Qt.TextAlignmentRole) is None

    # Figures sort as numbers, not as text ("10" after "9"); words ignore case.
    table.sortByColumn(1, Qt.AscendingOrder)
    assert [proxy.index(r, 1).data() for r in range(3)] == ["2", "9", "10"]
    table.sortByColumn(0, Qt.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Abu", "Ibrahim", "musa"]


def _shown_as_defined(table) -> None:
    """Every column of a table at the width its definition gives, the stretching columns
    filling the rest of the table's width."""
    model = table.model()
    if isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    header = table.horizontalHeader()
    stretching = 0
    for number, column in enumerate(model.columns):
        if column.width == STRETCH:
            stretching += 1
            assert header.sectionResizeMode(number) == QHeaderView.Stretch, column.title
        elif isinstance(column.width, int):
            assert header.sectionSize(number) == column.width, column.title
    assert stretching
    assert abs(header.length() - header.viewport().width()) <= stretching


def test_the_registration_tables_show_their_columns_as_defined(qtbot, db):
    with db.session() as s:
        add_group(s, "M26-001", community=add_community(s, "Tombo"))
    context = AppContext(db=db)
    groups, participants = GroupsPanel(context), ParticipantsPanel(context)
    for panel in (groups, participants):
        qtbot.addWidget(panel)
        panel.resize(1366, 768)
        panel.show()
        qtbot.waitExposed(panel)
    for table in (groups.table, groups.members.table, participants.table):
        _shown_as_defined(table)


def test_every_table_model_in_the_views_is_built_on_the_shared_base(qapp):
    """Found by walking the package, so a new table cannot be written another way."""
    views = mwp_desktop.views
    models = {}
    for info in pkgutil.walk_packages(views.__path__, views.__name__ + "."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QAbstractItemModel):
                models[cls.__qualname__] = cls
    # The walk reaches the models with behaviour of their own, not only the plain lists.
    assert {"GroupTableModel", "ParticipantTableModel", "RegisterModel", "RosterModel",
            "CandidatesModel", "MemberTableModel"} <= models.keys()  # fmt: skip
    assert [name for name, cls in models.items() if not issubclass(cls, TableModel)] == []


def test_a_fit_column_follows_the_font_a_style_sheet_gives_the_table(qtbot):
    """The program's style sheet sets the font as a table is first shown: a FIT column
    measured before that must be measured again, or its text is cut off."""
    model = RowTableModel(columns=COLUMNS)
    model.set_rows([Line(1, "musa", 10), Line(2, "Abu", 9)])
    table = row_table(model)
    qtbot.addWidget(table)
    table.setStyleSheet("QTableView { font-size: 15pt; }")
    table.resize(700, 300)
    table.show()
    qtbot.waitExposed(table)
    wanted = table.fontMetrics().horizontalAdvance("a rather longer note")
    assert table.horizontalHeader().sectionSize(2) >= wanted
