"""Registering communities, facilitators, groups and participants through the services."""

from datetime import date

import pytest
from sqlalchemy import event, func, select

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import AuditEvent, Participant
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration import participant_search
from mwp_desktop.services.registration.codes import is_valid_participant_code
from mwp_desktop.services.registration.communities import (
    CommunityInput,
    create_community,
    list_communities,
)
from mwp_desktop.services.registration.groups import (
    close_group,
    list_groups,
    next_group_code,
    reopen_group,
)
from mwp_desktop.services.registration.participant_search import (
    ParticipantQuery,
    count_participants,
    search_participants,
)
from mwp_desktop.services.registration.participants import (
    DuplicateFound,
    ParticipantInput,
    clean_participant,
    find_duplicates,
    register_participant,
    update_participant,
)
from tests.builders.accounts import ADMIN, FACILITATOR
from tests.builders.groups import add_group
from tests.builders.places import add_community, add_facilitator

TODAY = date(2026, 3, 2)


def register(db, first, last, community_id=None, phone=None, age="30", **kw):
    """A man registered through the service under test, as the Participants panel does."""
    with db.session() as s:
        data = ParticipantInput(first, last, "M", age, phone, community_id)
        return register_participant(s, SYSTEM, data, today=TODAY, **kw)


def test_participant_is_registered_with_a_readable_code_and_audit(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    detail = register(db, " Mohamed ", "Kamara ", place, "076 123 456", age="34")
    assert detail.full_name == "Mohamed Kamara"
    assert detail.phone == "+23276123456"
    assert detail.birth_year == 1992
    assert is_valid_participant_code(detail.code)
    with db.session() as s:
        stored = s.get(Participant, detail.id)
        assert stored.name_key == "mohamed kamara"
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "participant")).all()
        assert [e.action for e in events] == ["create"]


def test_every_mistake_is_reported_at_once_and_nothing_is_saved(db):
    with db.session() as s, pytest.raises(ValidationError) as caught:
        data = ParticipantInput(" ", "", "X", "12", "0761", None, "01/01/2030")
        register_participant(s, SYSTEM, data, today=TODAY)
    assert set(caught.value.fields) == {"first_name", "last_name", "sex", "age", "phone",
                                        "consent_date"}  # fmt: skip
    with db.session() as s:
        assert s.scalar(select(func.count(Participant.id))) == 0


def test_same_name_in_same_community_is_a_possible_duplicate(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya").id
        goderich = add_community(s, "Goderich", chiefdom="", district="Western Urban").id
    first = register(db, "Mohamed", "Kamara", tombo)
    with pytest.raises(DuplicateFound) as caught:
        register(db, "mohamed", "KAMARA", tombo)
    assert caught.value.matches[0].code == first.code
    assert "same name in Tombo" in caught.value.matches[0].reason
    # The same name elsewhere is another man.
    register(db, "Mohamed", "Kamara", goderich)
    # "Register anyway" saves him.
    again = register(db, "Mohamed", "Kamara", tombo, allow_duplicate=True)
    assert again.code != first.code


def test_a_phone_another_man_uses_is_shown_with_his_group_but_never_refused(db):
    """Families and neighbours share phones: name, community and age decide duplicates."""
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        group = add_group(s, "M26-001", community=place).id
    brother = register(db, "Alusine", "Bangura", place, "076123456", group_id=group)
    with db.session() as s:
        clean = clean_participant(
            ParticipantInput("Foday", "Bangura", "M", None, "+232 76 123456", place), TODAY
        )
        (match,) = find_duplicates(s, clean)
    assert (match.code, match.reason, match.same_man) == (
        brother.code, "same phone number; group M26-001", False,
    )  # fmt: skip
    assert register(db, "Foday", "Bangura", place, "076123456").code != brother.code


def test_the_same_name_and_community_at_another_age_is_another_man(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    father = register(db, "Mohamed", "Kamara", place, age="60")
    son = register(db, "Mohamed", "Kamara", place, age="24")
    assert son.code != father.code
    with pytest.raises(DuplicateFound):
        register(db, "Mohamed", "Kamara", place, age="59")


def test_editing_does_not_count_himself_as_duplicate(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    p = register(db, "Alusine", "Bangura", place, "076123456")
    with db.session() as s:
        data = ParticipantInput("Alusine", "Bangura", "M", "31", "076123456", place)
        updated = update_participant(s, SYSTEM, p.id, data, today=TODAY)
    assert updated.birth_year == 1995
    assert updated.code == p.code


def test_codes_are_never_reused(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    codes = {register(db, f"Man{chr(65 + i)}", "Koroma", place).code for i in range(5)}
    assert len(codes) == 5
    assert all(is_valid_participant_code(c) for c in codes)


def test_facilitator_role_cannot_register(db):
    with db.session() as s, pytest.raises(PermissionDenied):
        register_participant(s, FACILITATOR, ParticipantInput("A", "B", "M"), today=TODAY)


def test_community_names_are_unique_within_a_chiefdom(db):
    with db.session() as s:
        add_community(s, "Tombo", chiefdom="Koya")
    with db.session() as s, pytest.raises(ValidationError, match="already"):
        create_community(s, SYSTEM, CommunityInput("tombo", "Koya", "Western Rural"))
    with db.session() as s:
        create_community(s, SYSTEM, CommunityInput("Tombo", "Other", "Western Rural"))
        assert len(list_communities(s)) == 2


def test_search_by_name_code_and_phone(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    kamara = register(db, "Mohamed", "Kamara", place, "076 123 456")
    register(db, "Kamanda", "Sesay", place, "088 555 111")
    register(db, "Ibrahim", "Turay", place)

    def names(text):
        with db.session() as s:
            return [
                r.name for r in search_participants(s, ADMIN, ParticipantQuery(text), today=TODAY)
            ]

    assert names("kam") == ["Kamanda Sesay", "Mohamed Kamara"]
    assert names("KAMARA") == ["Mohamed Kamara"]
    assert names(kamara.code) == ["Mohamed Kamara"]
    assert names(kamara.code.lower()) == ["Mohamed Kamara"]
    assert names("076 12") == ["Mohamed Kamara"]
    assert names("+23288") == ["Kamanda Sesay"]
    assert names("zzz") == []
    assert names("%") == []
    with db.session() as s:
        assert count_participants(s, ADMIN, ParticipantQuery("")) == (3, False)
        page = search_participants(s, ADMIN, ParticipantQuery("", sort="name"), offset=1, limit=1)
        assert [r.name for r in page] == ["Kamanda Sesay"]


def _ids_plans(db, search) -> list[str]:
    """How SQLite reads the ids of each page `search()` asks for (EXPLAIN QUERY PLAN)."""
    pages = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):
        if statement.startswith("SELECT participants.id") and "ORDER BY" in statement:
            pages.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        search()
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    with db.engine.connect() as conn:
        return [
            " / ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", args))
            for sql, args in pages
        ]


@pytest.mark.sqlite_only  # reads SQLite's query plan
def test_a_wide_phone_or_code_prefix_walks_the_names_in_order_rather_than_sorting_them_all(
    db, monkeypatch
):
    # At 4x national "076" matched ~100,000 men: sorting them all by name for a page of 100
    # took 47 ms a keystroke; walking the name index until a page is found, 4 ms.
    monkeypatch.setattr(participant_search, "WIDE_PREFIX", 2)
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    register(db, "Sorie", "Koroma", place, "076 123 456")
    register(db, "Abu", "Kargbo", place, "076 222 333")
    kamara = register(db, "Mohamed", "Kamara", place, "076 124 999")
    register(db, "Ibrahim", "Turay", place, "088 555 111")

    def names(text, offset=0, limit=100):
        with db.session() as s:
            page = search_participants(s, ADMIN, ParticipantQuery(text), offset, limit, TODAY)
            return [r.name for r in page]

    assert names("076") == ["Abu Kargbo", "Mohamed Kamara", "Sorie Koroma"]
    assert names("076", offset=1, limit=1) == ["Mohamed Kamara"]
    assert names("076 12") == ["Mohamed Kamara", "Sorie Koroma"]  # two: not wide
    assert names(kamara.code[:2]) == [
        "Abu Kargbo", "Ibrahim Turay", "Mohamed Kamara", "Sorie Koroma"
    ]  # fmt: skip
    (wide,) = _ids_plans(db, lambda: names("076"))
    (narrow,) = _ids_plans(db, lambda: names("076 12"))
    assert "ix_participants_name_key" in wide and "TEMP B-TREE" not in wide
    assert "ix_participants_phone" in narrow
    with db.session() as s:  # narrowed to a community, the range's own index is kept
        query = ParticipantQuery("076", community_id=place)
        assert len(search_participants(s, ADMIN, query, today=TODAY)) == 3


def test_group_list_and_close_reopen(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        lumley = add_community(s, "Lumley", chiefdom="", district="Western Urban").id
        gid = add_group(
            s, "M26-001", community=place, facilitator=add_facilitator(s, "Abu Bakarr Sesay")
        ).id
    register(db, "Mohamed", "Kamara", place, group_id=gid)
    register(db, "Sorie", "Koroma", lumley)
    with db.session() as s:
        in_group = search_participants(s, ADMIN, ParticipantQuery("", group_id=gid), today=TODAY)
        in_place = search_participants(
            s, ADMIN, ParticipantQuery("", community_id=place), today=TODAY
        )
        assert [r.name for r in in_group] == [r.name for r in in_place] == ["Mohamed Kamara"]
        (row,) = list_groups(s, ADMIN)
        assert (row.code, row.members, row.sessions_text, row.status) == (
            "M26-001",
            1,
            "0 of 16",
            "active",
        )
        assert row.community == "Tombo" and row.facilitator == "Abu Bakarr Sesay"
        assert next_group_code(s, "men", 2026) == "M26-002"
        assert close_group(s, SYSTEM, gid, date(2026, 6, 1)).status == "closed"
        assert reopen_group(s, SYSTEM, gid, today=TODAY).status == "active"


def test_attendance_rate_and_sessions_held_are_shown_as_x_percent_p_of_n(db):
    from mwp_desktop.models import Attendance, CurriculumSession, Group, Meeting

    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        gid = add_group(s, "M26-001", community=place).id
    kamara = register(db, "Mohamed", "Kamara", place, group_id=gid)
    koroma = register(db, "Sorie", "Koroma", place, group_id=gid)
    with db.session() as s:
        group = s.get(Group, gid)
        sessions = s.scalars(
            select(CurriculumSession)
            .where(CurriculumSession.curriculum_id == group.curriculum_id)
            .order_by(CurriculumSession.number)
        ).all()
        for week, marks in enumerate((("present", "absent"), ("late", "present"))):
            day = date(2026, 2, 2 + 7 * week)
            meeting = Meeting(group_id=gid, session_id=sessions[week].id, planned_date=day,
                              held_date=day, status="held")  # fmt: skip
            s.add(meeting)
            s.flush()
            for who, mark in zip((kamara, koroma), marks, strict=True):
                s.add(Attendance(meeting_id=meeting.id, participant_id=who.id, status=mark))
        # A planned meeting's marks do not count.
        s.add(Meeting(group_id=gid, session_id=sessions[2].id, planned_date=date(2026, 2, 16)))
    with db.session() as s:
        (row,) = list_groups(s, ADMIN)
        assert (row.sessions_text, row.attendance_rate) == ("2 of 16", "75% (3/4)")
        people = {
            r.name: r for r in search_participants(s, ADMIN, ParticipantQuery(""), today=TODAY)
        }
        assert people["Sorie Koroma"].attendance_rate == "50% (1/2)"
        assert people["Mohamed Kamara"].attendance_rate == "100% (2/2)"
        assert (people["Sorie Koroma"].group_code, people["Sorie Koroma"].status) == (
            "M26-001",
            "active",
        )


def test_a_community_in_use_cannot_be_removed(db):
    from mwp_desktop.services.registration.communities import delete_community

    with db.session() as s:
        used = add_community(s, "Tombo", chiefdom="Koya").id
        empty = add_community(s, "Lumley", chiefdom="", district="Western Urban").id
    register(db, "Mohamed", "Kamara", used)
    with db.session() as s, pytest.raises(ValidationError, match="cannot be removed"):
        delete_community(s, SYSTEM, used)
    with db.session() as s:
        delete_community(s, SYSTEM, empty)
    with db.session() as s:
        assert [c.name for c in list_communities(s, with_counts=True)] == ["Tombo"]
        assert list_communities(s, with_counts=True)[0].participants == 1


def test_editing_a_group_is_checked_and_audited(db):
    from mwp_desktop.services.registration.groups import group_input, update_group

    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        gid = add_group(s, "M26-001", community=place).id
        add_group(s, "M26-002", community=place)
    with db.session() as s:
        data = group_input(s, gid)
    with db.session() as s, pytest.raises(ValidationError) as caught:
        update_group(
            s, SYSTEM, gid, data.__class__(**{**data.__dict__, "code": "m26-002", "name": " "})
        )
    assert set(caught.value.fields) == {"code", "name"}
    with db.session() as s:
        row = update_group(
            s, SYSTEM, gid, data.__class__(**{**data.__dict__, "venue": "Court barray"})
        )
        assert row.code == "M26-001"
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "group").order_by(AuditEvent.id.desc())
        ).first()
        assert (
            event.action == "update" and "Court barray" in event.after and "code" not in event.after
        )


def test_group_list_and_members_see_what_the_session_has_not_written_yet(db):
    """The lists are read through the tables, not the ORM: a change still pending in the same
    session (which the ORM's autoflush would have written first) must show all the same."""
    from mwp_desktop.models import Enrollment, Group
    from mwp_desktop.services.registration.groups import group_row, members

    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        gid = add_group(
            s, "M26-001", community=place, facilitator=add_facilitator(s, "Abu Bakarr Sesay")
        ).id
    register(db, "Mohamed", "Kamara", place, group_id=gid)
    with db.session() as s:
        s.get(Group, gid).name = "Tombo fishermen"
        enrolment = s.scalars(select(Enrollment).where(Enrollment.group_id == gid)).one()
        enrolment.status, enrolment.ended_on, enrolment.reason = "dropped", TODAY, "moved"
        (row,) = list_groups(s, ADMIN)
        assert (row.name, row.members, row.facilitator) == (
            "Tombo fishermen",
            0,
            "Abu Bakarr Sesay",
        )
        assert "tombo fishermen" in row.search_text
        assert group_row(s, ADMIN, gid) == row
        (member,) = members(s, ADMIN, gid, today=TODAY)
        assert (member.name, member.status, member.reason) == ("Mohamed Kamara", "dropped", "moved")


def test_group_rows_are_whole_frozen_group_rows(db):
    """list_groups makes its rows without GroupRow's __init__ (for speed): they must be the same
    as rows made the ordinary way, every field set, and still frozen."""
    from dataclasses import FrozenInstanceError, fields

    from mwp_desktop.services.registration.groups import GroupRow

    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        add_group(s, "M26-001", community=place)
        second = add_group(s, "M26-002", community=place).id
    register(db, "Mohamed", "Kamara", place, group_id=second)
    with db.session() as s:
        rows = list_groups(s, ADMIN) + list_groups(s, ADMIN, only=second)
    names = {f.name for f in fields(GroupRow)}
    for row in rows:
        assert set(vars(row)) == names
        again = GroupRow(**{name: getattr(row, name) for name in names})
        assert row == again and hash(row) == hash(again) and repr(row) == repr(again)
        with pytest.raises(FrozenInstanceError):
            row.members = 5
    assert [(r.code, r.members) for r in rows[:2]] == [("M26-001", 0), ("M26-002", 1)]
