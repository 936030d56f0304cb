"""The printed questionnaire: one per man, his code at the top and never his name, every
statement of the round's instrument in order with three boxes, whole statements per page."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from mwp_desktop.cli import main
from mwp_desktop.errors import PermissionDenied
from mwp_desktop.models import Group, Participant
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.documents.print_jobs import make_questionnaires
from tests.builders.accounts import STAFF, add_user_accounts, sign_in_for_commands
from tests.builders.groups import add_group_with_members


@pytest.fixture
def group(db):
    """WR-001 with three men; their codes and names."""
    with db.session() as s:
        group_id, ids = add_group_with_members(s, 3, code="WR-001", start=date(2026, 1, 5))
        men = [s.get(Participant, pid) for pid in ids]
        return group_id, [(m.code, f"{m.first_name} {m.last_name}") for m in men]


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_one_questionnaire_per_man_with_every_statement_and_no_name(db, tmp_path, group):
    group_id, men = group
    path = tmp_path / "baseline.pdf"
    assert make_questionnaires(db, STAFF, group_id, "baseline", path) == 3
    pages = pages_of(path)
    text = "\n".join(pages)
    per_man = len(pages) // 3
    assert len(pages) == 3 * per_man
    for index, (code, name) in enumerate(men):
        own = "\n".join(pages[index * per_man : (index + 1) * per_man])
        assert f"Participant code: {code}" in own or code in own
        assert name not in text
        numbers = [n for n in range(1, 24) if f"{n}." in own]
        assert numbers == list(range(1, 24))
    assert "There are times when a woman deserves to be beaten." in text.replace("\n", " ")
    assert text.count("Partially agree") == 3 * 23
    assert "Consent to answer" in text


def test_the_command_writes_them_and_a_facilitator_prints_only_his_groups(
    db, tmp_path, group, capsys, monkeypatch, fast_hashing
):
    group_id, _men = group
    with db.session() as s:
        add_user_accounts(s, roles=("staff",))
        other = Actor(None, "other", "facilitator", None)
    sign_in_for_commands(monkeypatch, "staff")
    out = tmp_path / "endline.pdf"
    args = ["print", "questionnaire", "--group", "wr-001", "--round", "endline",
            "--out", str(out), "--db", db.describe()]  # fmt: skip
    assert main(args) == 0
    assert "Wrote 3 endline questionnaires" in capsys.readouterr().out
    assert "Endline questionnaire" in pages_of(out)[0]
    with pytest.raises(PermissionDenied):
        make_questionnaires(db, other, group_id, "baseline", tmp_path / "no.pdf")
    assert not (tmp_path / "no.pdf").exists()


def test_a_group_without_members_is_told_so(db, tmp_path):
    with db.session() as s:
        group_id, _ = add_group_with_members(s, 0, code="WR-009")
        assert s.scalar(select(Group.code).where(Group.id == group_id)) == "WR-009"
    with pytest.raises(Exception, match="no members"):
        make_questionnaires(db, STAFF, group_id, "baseline", tmp_path / "q.pdf")
