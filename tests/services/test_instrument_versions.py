"""An administrator adapts the instrument in Settings: a new version to edit (statements,
subscales, reverse scoring, band cut-offs), frozen once men have answered it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.services.surveys.instrument_versions import (
    list_versions,
    save_version,
    start_new_version,
    version_detail,
)
from mwp_desktop.services.surveys.instruments import Band
from mwp_desktop.services.surveys.responses import set_answer
from mwp_desktop.services.surveys.rounds import open_round
from mwp_desktop.services.surveys.scoring import score
from tests.builders.accounts import ADMIN, STAFF, SUPERVISOR
from tests.builders.groups import add_group_with_members


def shipped_id(db) -> int:
    with db.session() as s:
        (gem,) = list_versions(s)
    return gem.id


def test_a_new_version_is_a_copy_to_edit_and_becomes_the_one_in_use(db):
    first = shipped_id(db)
    with db.session() as s:
        second = start_new_version(s, ADMIN, first)
    with db.session() as s:
        versions = {v.id: v for v in list_versions(s)}
        _, copy = version_detail(s, second)
    assert (versions[second].version, versions[second].in_use) == (2, True)
    assert not versions[first].in_use
    assert len(copy.items) == 23
    # India's adaptation kept fewer statements: drop the last eight, change the bands.
    fewer = replace(copy, items=copy.items[:15],
                    bands=(Band("Low equity", 1), Band("Moderate equity", 20),
                           Band("High equity", 35)))  # fmt: skip
    with db.session() as s:
        save_version(s, ADMIN, second, fewer)
    with db.session() as s:
        version, saved = version_detail(s, second)
    assert version.statements == 15 and version.label.startswith("GEM Scale version 2")
    assert score(saved, {n: 3 for n in range(1, 16)}).band == "High equity"  # 45


def test_a_version_men_have_answered_is_frozen(db):
    first = shipped_id(db)
    with db.session() as s:
        group_id, men = add_group_with_members(s, 1, code="WR-001", start=date(2026, 1, 5))
    with db.session() as s:
        round_id = open_round(s, STAFF, group_id, "baseline")
        set_answer(s, STAFF, round_id, men[0], 1, 1, taken_on=date(2026, 1, 5),
                   today=date(2026, 6, 1))  # fmt: skip
    with db.session() as s:
        version, instrument = version_detail(s, first)
        assert version.frozen and "answered: frozen" in version.label
        with pytest.raises(ValidationError, match="start a new version"):
            save_version(s, ADMIN, first, instrument)


@pytest.mark.parametrize("who", [STAFF, SUPERVISOR])
def test_only_administrators_change_instruments(db, who):
    with db.session() as s, pytest.raises(PermissionDenied, match="cannot change survey"):
        start_new_version(s, who, shipped_id(db))


def test_a_broken_version_is_refused_and_nothing_changes(db):
    first = shipped_id(db)
    with db.session() as s:
        second = start_new_version(s, ADMIN, first)
        _, copy = version_detail(s, second)
    broken = replace(copy, bands=(Band("High", 40), Band("Low", 10)))
    with db.session() as s, pytest.raises(ValidationError, match="rising"):
        save_version(s, ADMIN, second, broken)
    with db.session() as s:
        assert version_detail(s, second)[1] == copy


def test_the_published_scale_as_shipped_is_never_edited(db):
    first = shipped_id(db)
    with db.session() as s:
        version, instrument = version_detail(s, first)
        assert version.shipped and not version.editable and "as published" in version.label
        with pytest.raises(ValidationError, match="kept as published"):
            save_version(s, ADMIN, first, replace(instrument, items=instrument.items[:10]))
