"""Reading thousands of plain rows: the cycle collector waits until they are made."""

import gc

import pytest

from mwp_desktop.services.plain_rows import no_cycle_collection


@pytest.fixture
def collector_as_found():
    was_on = gc.isenabled()
    yield
    gc.enable() if was_on else gc.disable()


def test_the_collector_is_off_while_rows_are_made_and_on_again_after(collector_as_found):
    gc.enable()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), no_cycle_collection():
        raise ValueError("a read that failed")
    assert gc.isenabled()


def test_a_collector_switched_off_elsewhere_stays_off(collector_as_found):
    gc.disable()
    with no_cycle_collection():
        pass
    assert not gc.isenabled()


def test_the_groups_list_is_read_with_the_collector_off(db, monkeypatch, collector_as_found):
    # 16,000 groups at 4x national: 146 collections (49-93 ms) while the Groups panel opened.
    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.registration import groups

    seen = []
    real = groups.scope.groups_condition  # asked while the list is read

    def condition(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(groups.scope, "groups_condition", condition)
    gc.enable()
    with db.session() as session:
        groups.list_groups(session, SYSTEM)
    assert seen == [False] and gc.isenabled()
