"""The donor's export names nobody: not even by the participant code printed on sign-in sheets."""

from __future__ import annotations

import csv
from datetime import date

from sqlalchemy import select

from mwp_desktop.models import Participant
from mwp_desktop.services.statistics.deidentified_export import export_deidentified
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.small_office import add_small_office


def exported_rows(db, path) -> list[dict]:
    with db.session() as s:
        export_deidentified(s, ADMIN, path, date(2026, 6, 1))
    return list(csv.DictReader(path.read_text("utf-8-sig").splitlines()))


def test_no_participant_code_appears_in_the_export(db, tmp_path):
    with db.session() as s:
        add_small_office(s)
    with db.session() as s:
        codes = s.scalars(select(Participant.code)).all()
    path = tmp_path / "donor.csv"
    rows = exported_rows(db, path)
    text = path.read_text("utf-8-sig")
    assert len(rows) == len(codes) == 12
    assert "Participant code" not in rows[0]
    for code in codes:
        assert code not in text
        assert code[1:] not in text  # not even the serial with its check digit


def test_each_export_gives_new_pseudonyms_stable_within_it(db, tmp_path):
    with db.session() as s:
        group = add_small_office(s, participants=3)
        second = add_group(s, "WU-002", start=date(2026, 5, 6))
        twice = add_participant(s, "Alie", "Conteh", born=1980)
        add_membership(s, twice, group)
        add_membership(s, twice, second)
    first = exported_rows(db, tmp_path / "one.csv")
    again = exported_rows(db, tmp_path / "two.csv")

    def pseudonyms(rows):
        return {r["Pseudonym"] for r in rows}

    # The man in two groups carries one pseudonym within an export...
    by_group = {}
    for row in first:
        by_group.setdefault(row["Group code"], set()).add(row["Pseudonym"])
    assert len(by_group["WU-002"]) == 1
    assert by_group["WU-002"] <= by_group["WU-001"]
    assert len(pseudonyms(first)) == 4
    # ...and a different one in the next export, as does everybody else.
    assert pseudonyms(first).isdisjoint(pseudonyms(again))
