"""Phone numbers on screen are the local "076 123 456" everywhere, as in the Participants panel
(issue 15, item 14)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt

from mwp_desktop.services.sessions.attendance import load_register
from mwp_desktop.services.sessions.follow_up import follow_up_list
from mwp_desktop.views.sessions.list_models import FollowUpModel
from mwp_desktop.views.sessions.register_model import RegisterModel
from tests.builders.accounts import STAFF
from tests.builders.marks import add_held_group

LOCAL = re.compile(r"0\d\d \d\d\d \d\d\d")
TODAY = date(2026, 3, 1)


def test_follow_up_calls_and_the_register_show_local_numbers(qtbot, db):
    group_id, _people, _ = add_held_group(
        db, ["PPAAA", "PPPPP"], start=date(2026, 1, 5), today=TODAY
    )
    with db.session() as s:
        calls = follow_up_list(s, STAFF, today=TODAY)
        register = load_register(s, STAFF, group_id)
    model = FollowUpModel()
    model.set_rows(calls)
    phone = model.index(0, 2).data()
    assert LOCAL.fullmatch(phone), phone
    assert f"Call {calls[0].name} on {phone} ·" in model.index(0, 0).data(Qt.ToolTipRole)
    facilitator = model.index(0, 5).data()
    assert "+232" not in facilitator and LOCAL.search(facilitator), facilitator

    register_model = RegisterModel()
    register_model.load(register)
    tip = register_model.index(0, 0).data(Qt.ToolTipRole)
    assert "+232" not in tip and LOCAL.search(tip), tip
