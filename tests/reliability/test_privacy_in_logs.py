"""Participant names and phone numbers never reach the log file."""

import logging

import pytest
from sqlalchemy.exc import IntegrityError

from mwp_desktop import logs
from mwp_desktop.logs import redact
from mwp_desktop.models import Participant
from tests.builders.small_office import add_small_office


@pytest.fixture
def log_file(data_dir):
    root = logging.getLogger()
    # An earlier test in this process may have set up the log in its own data folder.
    earlier = [h for h in root.handlers if getattr(h, "_mwp", False)]
    for handler in earlier:
        root.removeHandler(handler)
    before = list(root.handlers)
    logs.setup_logging()
    yield data_dir / "logs" / "mwp-desktop.log"
    for handler in root.handlers[:]:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)
    for handler in earlier:
        root.addHandler(handler)


def test_a_failed_save_is_logged_without_the_persons_name_or_phone(db, log_file):
    with db.session() as s:
        add_small_office(s)
    with pytest.raises(IntegrityError) as failure, db.session() as s:
        # The same code twice: the database refuses it, with the row's values in hand.
        s.add(
            Participant(
                code="P0000011",
                first_name="Aminata",
                last_name="Jalloh",
                name_key="aminata jalloh",
                sex="F",
                phone="+23277654321",
            )
        )
        s.add(
            Participant(
                code="P0000011",
                first_name="Aminata",
                last_name="Jalloh",
                name_key="aminata jalloh",
                sex="F",
                phone="+23277654321",
            )
        )
    logging.getLogger("mwp_desktop.test").error("saving failed", exc_info=failure.value)
    logging.getLogger("mwp_desktop.test").warning("caller typed 076 123 456 and +232 77 654321")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text("utf-8")
    assert "saving failed" in text and "IntegrityError" in text
    for private in ("Aminata", "Jalloh", "77654321", "076 123 456", "654321"):
        assert private not in text
    assert text.count("[number removed]") == 2


def test_redaction_keeps_dates_times_and_counts():
    assert redact("backup mwp-auto-20261128-025111.sqlite3 at 2026-11-28 03:01, 1,234 marks") == (
        "backup mwp-auto-20261128-025111.sqlite3 at 2026-11-28 03:01, 1,234 marks"
    )
    assert redact("call 076-123-456 or +232 76 123456 or 23276123456") == (
        "call [number removed] or [number removed] or [number removed]"
    )
