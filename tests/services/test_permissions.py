"""Every role calls the real services on a small office and gets what its work needs, no more.

The office: the men's group WU-001 (Joseph Kanu, 12 men) and the women's group WR-010 (Mariama
Sesay, 3 women who finished every session), and one account of each role, the facilitator's
linked to Joseph Kanu. A refusal must say one plain sentence and leave the records as they were.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mwp_desktop.errors import PermissionDenied
from mwp_desktop.models import (
    ROLES,
    Attendance,
    AuditEvent,
    CertificateIssue,
    Group,
    Meeting,
    Participant,
    User,
)
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.admin import audit_log, backups, restore, users
from mwp_desktop.services.admin.settings import get_setting, set_setting
from mwp_desktop.services.documents import print_choices, print_jobs
from mwp_desktop.services.documents.branding import save_branding
from mwp_desktop.services.documents.certificates import candidates, issue_certificates
from mwp_desktop.services.registration.enrollments import history
from mwp_desktop.services.registration.groups import list_groups, members
from mwp_desktop.services.registration.participant_export import export_participants
from mwp_desktop.services.registration.participant_search import (
    ParticipantQuery,
    count_participants,
    search_participants,
)
from mwp_desktop.services.registration.participants import (
    ParticipantInput,
    participant_detail,
    register_participant,
)
from mwp_desktop.services.sessions.agenda import agenda, group_choices
from mwp_desktop.services.sessions.attendance import load_register, set_mark
from mwp_desktop.services.sessions.follow_up import follow_up_list
from mwp_desktop.services.sessions.scheduling import cancel_meeting, group_schedule
from tests.builders.accounts import add_user_accounts
from tests.builders.groups import add_group, add_meeting, add_weekly_meetings
from tests.builders.marks import add_marks
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community, add_facilitator
from tests.builders.small_office import add_small_office

pytestmark = pytest.mark.usefixtures("fast_hashing")

WOMEN_PHONES = ("+23277900001", "+23277900002", "+23277900003")
TODAY = date(2026, 9, 1)


@pytest.fixture
def office(db):
    """The two groups and an actor per role; returns (db, actors, men's group id, women's id)."""
    with db.session() as s:
        men = add_small_office(s)
        add_meeting(s, men, 5, date(2026, 4, 1))  # the next one, still planned
        women = add_group(
            s, "WR-010", kind="women", name="Kissy Brook women",
            community=add_community(s, "Kissy Brook", chiefdom="Western Area",
                                    district="Western Urban"),
            facilitator=add_facilitator(s, "Mariama Sesay", sex="F", phone="+23276999000"),
            start=date(2026, 3, 5),
        )  # fmt: skip
        women_members = [
            add_participant(s, first, "Sesay", sex="F", born=1990, phone=phone)
            for first, phone in zip(("Aminata", "Fatmata", "Isatu"), WOMEN_PHONES, strict=True)
        ]
        for woman in women_members:
            add_membership(s, woman, women, enrolled_on=date(2026, 3, 1))
        for held in add_weekly_meetings(s, women, held=len(women.curriculum.sessions)):
            add_marks(s, held, dict.fromkeys(women_members, "present"))
        actors = add_user_accounts(s, roles=ROLES[1:], facilitator=men.facilitator)
        ids = men.id, women.id
    return db, actors, *ids


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _women_meeting(db, women_id) -> int:
    with db.session() as s:
        return s.scalar(select(func.min(Meeting.id)).where(Meeting.group_id == women_id))


# -- a facilitator's account: his own groups and their members only ------------------------------


def test_a_facilitator_cannot_open_another_facilitators_register(office):
    db, actors, men_id, women_id = office
    with db.session() as s:
        with pytest.raises(PermissionDenied) as refused:
            load_register(s, actors["facilitator"], women_id)
        own = load_register(s, actors["facilitator"], men_id)
    assert str(refused.value) == "Facilitator accounts can only use the groups they lead."
    assert len(own.rows) == 12


@pytest.mark.parametrize("role", ["admin", "supervisor", "staff"])
def test_the_office_opens_every_register(office, role):
    db, actors, men_id, women_id = office
    with db.session() as s:
        assert len(load_register(s, actors[role], women_id).rows) == 3
        assert len(load_register(s, actors[role], men_id).rows) == 12


def test_a_facilitator_cannot_print_another_facilitators_group(office, tmp_path):
    db, actors, men_id, women_id = office
    fatu = actors["facilitator"]
    meeting = _women_meeting(db, women_id)
    out = tmp_path / "printed"
    out.mkdir()
    attempts = {
        "register": lambda p: print_jobs.make_register(db, fatu, women_id, p),
        "schedule": lambda p: print_jobs.make_schedule(db, fatu, women_id, p),
        "sheets": lambda p: print_jobs.make_sign_in_sheets(db, fatu, [meeting], p),
        "sheet": lambda p: print_jobs.make_sign_in_sheet_for_session(db, fatu, women_id, 1, p),
        "certificates": lambda p: print_jobs.make_certificates(db, fatu, women_id, p),
    }
    for name, attempt in attempts.items():
        with pytest.raises(PermissionDenied, match="only use the groups they lead"):
            attempt(out / f"{name}.pdf")
    assert list(out.iterdir()) == []
    assert print_jobs.make_register(db, fatu, men_id, out / "own.pdf").stat().st_size > 0


def test_a_facilitator_cannot_issue_certificates_of_another_group(office):
    db, actors, _men_id, women_id = office
    audited = _count(db, AuditEvent)
    with db.session() as s:
        with pytest.raises(PermissionDenied):
            issue_certificates(s, actors["facilitator"], women_id, today=TODAY)
        with pytest.raises(PermissionDenied):
            candidates(s, actors["facilitator"], women_id)
    assert _count(db, CertificateIssue) == 0
    assert _count(db, AuditEvent) == audited
    with db.session() as s:  # the women did finish: the office issues theirs
        assert len(issue_certificates(s, actors["staff"], women_id, today=TODAY)) == 3


def test_a_facilitator_searches_only_his_groups_members(office):
    db, actors, _men_id, _women_id = office
    with db.session() as s:
        found = search_participants(s, actors["facilitator"], ParticipantQuery(), limit=100)
        counted = count_participants(s, actors["facilitator"], ParticipantQuery())
        by_phone = search_participants(s, actors["facilitator"], ParticipantQuery("077900001"))
        everyone = search_participants(s, actors["staff"], ParticipantQuery(), limit=100)
    assert {row.sex for row in found} == {"M"} and len(found) == 12
    assert counted == (12, False)
    assert by_phone == []
    assert not {row.phone for row in found} & {"077 900 001", "077 900 002", "077 900 003"}
    assert len(everyone) == 15


def test_a_facilitator_sees_only_his_groups(office):
    db, actors, men_id, women_id = office
    fatu = actors["facilitator"]
    with db.session() as s:
        assert [g.code for g in list_groups(s, fatu)] == ["WU-001"]
        assert [g.code for g in list_groups(s, actors["staff"])] == ["WR-010", "WU-001"]
        assert [g[:6] for g in print_choices.group_labels(s, fatu).labels] == ["WU-001"]
        assert [g.code for g in group_choices(s, fatu)] == ["WU-001"]
        assert {i.group_code for i in agenda(s, fatu, date(2026, 3, 1), date(2026, 12, 31))} == {
            "WU-001"
        }
        assert len(members(s, fatu, men_id)) == 12
        assert len(group_schedule(s, fatu, men_id)) == 5
        woman = s.scalar(select(Participant.id).where(Participant.sex == "F").limit(1))
        for look in (
            lambda: members(s, fatu, women_id),
            lambda: group_schedule(s, fatu, women_id),
            lambda: participant_detail(s, fatu, woman),
            lambda: history(s, fatu, woman),
        ):
            with pytest.raises(PermissionDenied):
                look()


def test_a_facilitator_follows_up_only_his_groups_men(office):
    db, actors, _men_id, women_id = office
    with db.session() as s:  # a woman missed her group's last meeting
        last = s.scalars(
            select(Meeting)
            .where(Meeting.group_id == women_id)
            .order_by(Meeting.planned_date.desc())
        ).first()
        woman = s.scalar(select(Participant.id).where(Participant.sex == "F").limit(1))
        set_mark(s, actors["staff"], last.id, woman, "absent", today=last.planned_date)
        day = last.planned_date + timedelta(days=1)
    with db.session() as s:
        for_the_office = follow_up_list(s, actors["staff"], threshold=1, today=day)
        for_fatu = follow_up_list(s, actors["facilitator"], threshold=1, today=day)
    assert "WR-010" in {item.group_code for item in for_the_office}
    assert {item.group_code for item in for_fatu} <= {"WU-001"}


def test_a_facilitator_account_not_linked_to_a_facilitator_sees_nobody(office):
    db, _actors, men_id, _women_id = office
    unlinked = Actor(user_id=None, username="someone", role="facilitator")
    with db.session() as s:
        assert list_groups(s, unlinked) == []
        assert group_choices(s, unlinked) == []
        assert agenda(s, unlinked, date(2026, 3, 1), date(2026, 12, 31)) == []
        assert search_participants(s, unlinked, ParticipantQuery()) == []
        with pytest.raises(PermissionDenied):
            load_register(s, unlinked, men_id)


def test_the_facilitator_filter_keeps_the_search_on_indexes(office):
    """A facilitator's search is a range of indexed group ids, not a scan of the groups'
    co-facilitator column for each participant (the 50 ms budget at national scale)."""
    db, actors, _men_id, _women_id = office
    with db.session() as s:
        statement = []

        from sqlalchemy import event

        def seen(_conn, _cursor, sql, *_args):
            statement.append(sql)

        event.listen(s.get_bind(), "before_cursor_execute", seen)
        try:
            search_participants(s, actors["facilitator"], ParticipantQuery("Kam"))
        finally:
            event.remove(s.get_bind(), "before_cursor_execute", seen)
    searches = [sql for sql in statement if "participants" in sql and "name_key" in sql]
    assert searches and all("co_facilitator_id" not in sql for sql in searches)


# -- every role against the services that change records -----------------------------------------


def _register(db, actor, _tmp):
    with db.session() as s:
        register_participant(s, actor, ParticipantInput("Sorie", "Bangura", "M", 1980))


def _cancel(db, actor, _tmp):
    with db.session() as s:
        meeting = s.scalar(select(func.max(Meeting.id)).where(Meeting.status == "planned"))
        cancel_meeting(s, actor, meeting, "The hall was flooded")


def _mark(db, actor, _tmp):
    with db.session() as s:
        meeting = s.scalar(select(func.min(Meeting.id)))
        someone = s.scalar(select(func.min(Participant.id)))
        was = s.scalar(
            select(Attendance.status).where(
                Attendance.meeting_id == meeting, Attendance.participant_id == someone
            )
        )
        set_mark(s, actor, meeting, someone, "late" if was == "present" else "present", today=TODAY)


def _men(db) -> int:
    with db.session() as s:
        return s.scalar(select(Group.id).where(Group.code == "WU-001"))


def _print(db, actor, tmp):
    print_jobs.make_register(db, actor, _men(db), tmp / "register.pdf")


def _override(db, actor, _tmp):
    men = _men(db)
    with db.session() as s:
        someone = s.scalar(select(func.min(Participant.id)))
        issue_certificates(
            s, actor, men, overrides={someone: "Missed sessions in hospital"}, today=TODAY
        )


def _export(db, actor, tmp):
    with db.session() as s:
        export_participants(s, actor, tmp / "people.csv")


def _add_user(db, actor, _tmp):
    with db.session() as s:
        users.create_user(s, actor, "newcomer", "New Comer", "staff", "newcomer-pass")


def _settings(db, actor, _tmp):
    with db.session() as s:
        set_setting(s, actor, "organisation_short_name", "LEWAF-SL")


def _backup(db, actor, tmp):
    backups.backup_now(db, actor, tmp / "office.sqlite3")


def _read_audit(db, actor, _tmp):
    with db.session() as s:
        trail = audit_log.query_audit(s, actor)
    # the office's accounts were created by the first administrator: the trail says so
    assert [row.summary for row in trail][-1] == "First administrator admin created"


# What each attempt does, who may, the refusal's words and what a refusal must leave unchanged.
ATTEMPTS = {
    "register": (
        _register,
        {"admin", "supervisor", "staff"},
        "register or change groups and participants",
    ),
    "schedule": (_cancel, {"admin", "supervisor", "staff"}, "change meeting schedules"),
    "attendance": (_mark, {"admin", "supervisor", "staff"}, "record attendance"),
    "print": (_print, set(ROLES), "print documents"),
    "override": (_override, {"admin", "supervisor"}, "override the certificate rule"),
    "export": (_export, {"admin", "supervisor", "staff"}, "export data"),
    "users": (_add_user, {"admin"}, "manage users"),
    "settings": (_settings, {"admin", "supervisor"}, "change settings"),
    "backup": (_backup, {"admin", "supervisor", "staff"}, "make backups"),
    "audit": (_read_audit, {"admin", "supervisor"}, "read the audit trail"),
}
TITLES = {"admin": "Administrator", "supervisor": "Supervisor", "staff": "Office staff",
          "facilitator": "Facilitator"}  # fmt: skip


def _state(db, tmp: Path) -> tuple:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Participant)),
            s.scalar(select(func.count()).select_from(AuditEvent)),
            tuple(s.execute(select(Meeting.id, Meeting.status)).all()),
            tuple(
                s.execute(
                    select(
                        Attendance.meeting_id, Attendance.participant_id, Attendance.status
                    ).order_by(Attendance.id)
                ).all()
            ),
            get_setting(s, "organisation_short_name"),
            sorted(s.scalars(select(User.username))),
            sorted(p.name for p in tmp.iterdir()),
        )


@pytest.mark.parametrize("attempt", sorted(ATTEMPTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_changes_only_what_it_may(office, tmp_path, role, attempt):
    db, actors, _men_id, _women_id = office
    act, allowed_roles, words = ATTEMPTS[attempt]
    before = _state(db, tmp_path)
    if role in allowed_roles:
        act(db, actors[role], tmp_path)
        if attempt != "audit":  # reading the trail is the one that leaves nothing behind
            assert _state(db, tmp_path) != before
        return
    with pytest.raises(PermissionDenied) as refused:
        act(db, actors[role], tmp_path)
    assert str(refused.value) == f"{TITLES[role]} accounts cannot {words}."
    assert _state(db, tmp_path) == before


def test_only_an_administrator_restores(office, tmp_path):
    db, actors, _men_id, _women_id = office
    source = backups.backup_now(db, actors["admin"], tmp_path / "source.sqlite3")
    for role in ("supervisor", "staff", "facilitator"):
        with pytest.raises(PermissionDenied, match="cannot restore a backup"):
            restore.restore_database(db, source, actors[role])
    restore.restore_database(db, source, actors["admin"])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Group)) == 2


# -- the organisation's logo: checked before the file is touched, and every change audited -------


def _picture(path: Path, colour: str) -> Path:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 32), colour).save(path)
    return path


def test_a_refused_logo_change_leaves_the_kept_logo_alone(office, tmp_path, data_dir):
    db, actors, _men_id, _women_id = office
    with db.session() as s:
        save_branding(s, actors["supervisor"], {"organisation_logo": str(
            _picture(tmp_path / "usb" / "lewaf.png", "#2a7f62"))})  # fmt: skip
    kept = data_dir / "organisation-logo.png"
    before, audited = kept.read_bytes(), _count(db, AuditEvent)
    for role in ("staff", "facilitator"):
        with db.session() as s, pytest.raises(PermissionDenied) as refused:
            save_branding(s, actors[role], {"organisation_logo": str(
                _picture(tmp_path / "usb" / "other.png", "#ff0000"))})  # fmt: skip
        assert str(refused.value) == f"{TITLES[role]} accounts cannot change settings."
    assert kept.read_bytes() == before
    assert _count(db, AuditEvent) == audited


def test_a_new_picture_for_the_same_kept_logo_is_audited(office, tmp_path, data_dir):
    db, actors, _men_id, _women_id = office
    for colour in ("#2a7f62", "#ff0000"):
        with db.session() as s:
            save_branding(s, actors["supervisor"], {"organisation_logo": str(
                _picture(tmp_path / "usb" / f"{colour[1:]}.png", colour))})  # fmt: skip
    with db.session() as s:
        summaries = [e.summary for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert summaries.count("The organisation's logo picture was replaced") == 1
