"""Whatever file arrives, the importer either plans it or says plainly why not; it never crashes."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mwp_desktop.errors import UserError
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration.participant_import import (
    ERROR,
    NEW,
    load_source,
    plan_import,
    run_import,
)

TODAY = date(2026, 3, 2)

HEADER_WORDS = ["Name", "Full Name", "First Name", "Surname", "Sex", "Gender", "Age",
                "Year of Birth", "Phone", "Tel", "Community", "Village", "Chiefdom", "", "S/N"]  # fmt: skip
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "M",
            "f",
            "Male",
            "34",
            "1990",
            "076 123 456",
            "+23288",
            "Tombo",
            "=1+1",
            "01/02/2026",
            "31/13/2020",
            "Kamara, Mohamed",
            "  ",
            "\u00e9\u00e8",
        ]
    ),  # fmt: skip
)
ROW = st.lists(CELL, max_size=7)


def _csv(header, rows, sep):
    def quote(cell):
        return '"' + cell.replace('"', '""') + '"'

    lines = [sep.join(quote(c) for c in header)] + [sep.join(quote(c) for c in r) for r in rows]
    return "\n".join(lines)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=7),
    rows=st.lists(ROW, max_size=8),
    sep=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    title=st.booleans(),
)
def test_random_lists_never_crash_the_importer(
    db, tmp_path_factory, header, rows, sep, encoding, title
):
    text = ("Participant list\n" if title else "") + _csv(header, rows, sep)
    path = tmp_path_factory.mktemp("fuzz") / "list.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        source = load_source(path)
        with db.session() as s:
            plan = plan_import(s, source, today=TODAY, default_sex="M")
            assert all(r.status == NEW or r.reason for r in plan.rows)
            result = run_import(s, SYSTEM, plan, today=TODAY)
            assert result.imported == plan.count(NEW)
            assert result.errors == plan.count(ERROR)
            s.rollback()  # keep the database empty for the next example
    except UserError as exc:
        assert str(exc)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_never_crash_the_reader(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"list{suffix}"
    path.write_bytes(data)
    try:
        load_source(path)
    except UserError as exc:
        assert str(exc)
