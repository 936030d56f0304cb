"""Services every feature builds on: codes, tables, settings, permissions, audit, completion."""

import csv
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from mwp_desktop.errors import PermissionDenied, UserError, ValidationError
from mwp_desktop.models import AuditEvent
from mwp_desktop.services.actor import SYSTEM, Actor
from mwp_desktop.services.admin.settings import get_setting, set_setting
from mwp_desktop.services.permissions import PERMISSIONS, allowed, require
from mwp_desktop.services.registration import codes
from mwp_desktop.services.sessions.completion import required_sessions
from mwp_desktop.services.tables import write_table

STAFF = Actor(user_id=None, username="fatmata", role="staff")


def test_participant_codes_carry_a_check_digit():
    assert codes.participant_code(1234) == "P0012340"
    assert codes.is_valid_participant_code("p0012340")
    assert not codes.is_valid_participant_code("P0012430")  # neighbouring digits swapped


@given(st.integers(1, 999_999), st.integers(1, 6), st.integers(0, 9))
def test_any_single_wrong_digit_is_caught(serial, position, digit):
    code = codes.participant_code(serial)
    typo = code[:position] + str(digit) + code[position + 1 :]
    assert codes.is_valid_participant_code(typo) == (typo == code)


def test_reserved_serials_are_never_given_twice(db):
    with db.session() as s:
        first = codes.next_participant_code(s)
        block = codes.reserve_participant_serials(s, 3)
    with db.session() as s:
        later = codes.next_participant_code(s)
    assert first == codes.participant_code(1)
    assert list(block) == [2, 3, 4]
    assert later == codes.participant_code(5)


def test_table_export_neutralises_formulas(tmp_path):
    path = tmp_path / "out.csv"
    write_table(
        path, ["Name", "Note"], [['=HYPERLINK("x")', "+232 76"], ["Aminata", "-"]], sheet="Notes"
    )
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows == [["Name", "Note"], ['\'=HYPERLINK("x")', "'+232 76"], ["Aminata", "'-"]]


def test_table_export_leaves_no_partial_file_when_it_fails(tmp_path):
    path = tmp_path / "out.csv"

    def rows():
        yield ["ok"]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_table(path, ["A"], rows(), sheet="A")
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == []


def test_table_export_needs_a_known_suffix_and_folder(tmp_path):
    with pytest.raises(UserError, match=".csv or .xlsx"):
        write_table(tmp_path / "x.txt", ["A"], [], sheet="A")
    with pytest.raises(UserError, match="does not exist"):
        write_table(tmp_path / "missing" / "x.csv", ["A"], [], sheet="A")


def test_settings_have_typed_defaults_and_are_audited(db):
    with db.session() as s:
        assert get_setting(s, "completion_share") == 0.75
        set_setting(s, SYSTEM, "completion_share", 0.8)
    with db.session() as s:
        assert get_setting(s, "completion_share") == 0.8
        event = s.scalars(select(AuditEvent)).one()
    assert (event.action, event.entity) == ("update", "setting")
    assert json.loads(event.before) == {"completion_share": 0.75}
    assert json.loads(event.after) == {"completion_share": 0.8}


def test_settings_refuse_wrong_types_and_roles(db):
    with db.session() as s, pytest.raises(ValidationError):
        set_setting(s, SYSTEM, "follow_up_absences", "two")
    with db.session() as s, pytest.raises(PermissionDenied, match="Office staff"):
        set_setting(s, STAFF, "completion_share", 0.5)


def test_every_action_has_words_and_admin_may_do_everything():
    for action in PERMISSIONS:
        assert allowed(SYSTEM, action)
    with pytest.raises(PermissionDenied, match="cannot manage users"):
        require(STAFF, "users")


@pytest.mark.parametrize(("total", "needed"), [(16, 12), (8, 6), (15, 12), (1, 1)])
def test_completion_needs_three_quarters_rounded_up(total, needed):
    assert required_sessions(total, 0.75) == needed
