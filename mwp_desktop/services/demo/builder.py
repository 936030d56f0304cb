"""Demo data: a new database filled with believable groups, members, meetings and attendance.

For training staff, for screenshots, and to try the program at the size of a national program
(4,000 groups, 1.5 million attendance marks). The data follows the office's rules: weekly
meetings that skip public holidays, make-up meetings for missed sessions, men who stop coming,
and the completion rule of `services.completion`.

At national size speed matters, so rows go in with Core bulk inserts in chunks, with ids given
here (no group or participant exists yet), never one ORM object per row. The whole build is one
transaction: a cancelled or failed build leaves nothing behind.
"""

from __future__ import annotations

import math
import os
import random
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as clock
from typing import NamedTuple

import holidays
from sqlalchemy import Connection, Executable, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import (
    Attendance,
    ClosedDay,
    Community,
    Curriculum,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
    Setting,
)
from ...models.database import Database
from ...models.name_words import add_name_words
from ...models.stored_counts import (
    recount_attitude_totals,
    recount_enrolment_days,
    recount_marks,
    recount_members,
    recount_sessions_held,
)
from ..actor import SYSTEM, Actor
from ..admin.settings import get_setting
from ..registration.codes import COUNTER_KEY, participant_code
from ..sessions.completion import required_sessions
from ..sessions.curricula import (
    MEN_CURRICULUM_CODE,
    WOMEN_CURRICULUM_CODE,
    ensure_default_curricula,
)
from . import data as names
from .accountability import add_accountability_demo
from .accounts import add_demo_accounts
from .surveys import SurveyedGroup, SurveyedMan, add_demo_surveys

CHUNK_ROWS = 10_000  # rows per INSERT; also how often a cancel is noticed
FLUSH_MARKS = 50_000  # attendance rows held in memory before they are written
MARK_COLUMNS = ("id", "uuid", "meeting_id", "participant_id", "status", "note")
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoSummary:
    scale: str
    communities: int
    facilitators: int
    groups: int
    participants: int
    enrollments: int
    meetings: int
    attendance_marks: int
    seconds: float


class _Scale(NamedTuple):
    groups: int
    districts: tuple[str, ...]  # abbreviations from demo_data.DISTRICTS
    men_members: tuple[int, int]  # members of a men's or mixed group, fewest and most
    women_members: tuple[int, int]


_SCALES = {
    "small": _Scale(3, ("WAR",), (18, 22), (18, 22)),
    "office": _Scale(120, ("WAR", "WAU", "MOY", "PLK", "BO"), (20, 30), (20, 28)),
    # Larger groups than the office's: with a fifth of the groups on the 8-session women's
    # curriculum, that is what gives a national program about 1.5 million marks.
    "national": _Scale(4000, tuple(d.abbr for d in names.DISTRICTS), (24, 34), (20, 28)),
    # Four times national: to see which costs grow faster than the data (benchmarks --scale 4x).
    "4x": _Scale(16000, tuple(d.abbr for d in names.DISTRICTS), (24, 34), (20, 28)),
}
_KIND_LETTERS = {"men": "M", "women": "W", "mixed": "X"}
_KIND_NAMES = {"men": "Men's Group", "women": "Women's Dialogue Group", "mixed": "Mixed Group"}


class _Cancelled(Exception):
    pass


class _Course(NamedTuple):
    id: int
    sessions: list[tuple[int, int]]  # (session id, minutes) for session numbers 1..n
    required: int  # distinct sessions attended to complete


@dataclass(eq=False)
class _Group:
    kind: str
    place: tuple[str, int, str]  # (district abbreviation, community id, community name)
    start: date
    course: _Course
    alongside: _Group | None = None  # a women's group: the men's group its members' men are in
    id: int = 0
    code: str = ""
    name: str = ""
    weekday: int = 0
    time: clock | None = None
    venue: str = ""
    facilitator_id: int | None = None
    co_facilitator_id: int | None = None
    status: str = "planned"
    closed_on: date | None = None
    held: list[tuple[int, int, date]] = field(default_factory=list)  # (meeting, session, day)
    unpartnered_men: list[int] = field(default_factory=list)


def build_demo(
    db: Database,
    scale: str = "small",
    seed: int = 1,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    actor: Actor = SYSTEM,
) -> DemoSummary:
    """Fill an empty database with demo data; the same seed and `today` give the same data."""
    if scale not in _SCALES:
        raise UserError(f"There is no demo scale '{scale}'; choose small, office, national or 4x.")
    report = progress or (lambda _stage, _fraction: None)
    started = time.perf_counter()
    with db.engine.connect() as conn:
        if db.is_sqlite:
            # An interrupted demo build is simply started again, so it need not wait for the
            # disk at every page; a bigger cache keeps the growing indexes in memory.
            old_cache = int(conn.exec_driver_sql("PRAGMA cache_size").scalar())
            conn.exec_driver_sql("PRAGMA synchronous = OFF")
            conn.exec_driver_sql("PRAGMA cache_size = -131072")
            conn.commit()
        try:
            with conn.begin():
                builder = _Builder(conn, _SCALES[scale], seed, today or date.today())
                builder.progress, builder.cancelled = report, cancelled or (lambda: False)
                counts = builder.build()
                # Sign-in accounts for each role: a demo database must be explorable as anyone.
                accounts = Session(bind=conn)
                add_demo_accounts(accounts, actor)
                accounts.close()
                report("Saving", 0.97)
        except _Cancelled:
            raise UserError("Demo data was cancelled; nothing was saved.") from None
        finally:
            if db.is_sqlite:
                conn.exec_driver_sql("PRAGMA synchronous = FULL")
                conn.exec_driver_sql(f"PRAGMA cache_size = {old_cache}")
                conn.commit()
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # give the disk space back
            conn.commit()
    report("Done", 1.0)
    return DemoSummary(scale, *counts, seconds=round(time.perf_counter() - started, 2))


class _Builder:
    """One build: its random stream, the next free id of each table, the rows not yet written."""

    def __init__(self, conn: Connection, scale: _Scale, seed: int, today: date):
        self.conn, self.scale, self.today = conn, scale, today
        self.rng = random.Random(seed)
        self.seed = seed
        # The men of each finished men's group, for the attitude surveys: (man, sessions he
        # attended, his enrolment row, whose status says whether he stayed to the end).
        self.surveyed: dict[_Group, list[tuple[int, int, dict]]] = {}
        self.progress: Progress = lambda _stage, _fraction: None
        self.cancelled: Callable[[], bool] = lambda: False
        self.next_id: dict[str, int] = {}
        # Written in this order, so that every foreign key points at a row already there.
        self.pending: dict[Table, list[dict]] = {
            t: [] for t in (Participant.__table__, Enrollment.__table__, Attendance.__table__)
        }
        self.counts = {"participants": 0, "enrollments": 0, "marks": 0}
        self.couples: list[dict] = []  # the husband's side of each couple, written at the end
        # (district, curriculum) -> its groups and their start days, in start order
        self.courses: dict[tuple[str, int], tuple[list[_Group], list[date]]] = {}
        self.uuid_base = time.time_ns() // 1_000_000 << 80 | 0x7 << 76 | 0b10 << 62
        self.uuid_base |= int.from_bytes(os.urandom(4), "big")
        self.uuid_count = 0

    def build(self) -> tuple[int, ...]:
        session = Session(bind=self.conn)  # joins this connection's transaction
        ensure_default_curricula(session)
        share = get_setting(session, "completion_share")
        session.close()
        has_groups, has_people = (
            self.conn.scalar(select(func.count()).select_from(table))
            for table in (Group.__table__, Participant.__table__)
        )
        if has_groups or has_people:
            raise UserError(
                "Demo data goes into a new, empty database; this one already holds "
                f"{has_groups:,} groups and {has_people:,} participants."
            )
        self.progress("Adding places and facilitators", 0.0)
        counter = self.conn.scalar(select(Setting.value).where(Setting.key == COUNTER_KEY))
        self.serial = int(counter) if counter and counter.strip().isdigit() else 0
        self.men_course = self._course(MEN_CURRICULUM_CODE, share)
        self.women_course = self._course(WOMEN_CURRICULUM_CODE, share)
        years = range(self.today.year - 3, self.today.year + 2)
        self.closed_days = set(holidays.country_holidays("SL", years=years))
        self.closed_days.update(self.conn.scalars(select(ClosedDay.day)))
        places = self._communities()
        groups = self._lay_out_groups(places)
        facilitators = self._facilitators(groups)
        self.progress("Scheduling groups and meetings", 0.03)
        meetings = [row for g in groups for row in self._schedule(g)]
        for row in facilitators:  # one whose groups all closed long ago has moved on
            last_day = max(g.closed_on or date.max for g in row.pop("groups"))
            row["active"] = last_day > self.today - timedelta(days=270)
        self._insert(Facilitator.__table__, facilitators)
        self._insert(Group.__table__, [self._group_row(g) for g in groups])
        self._insert(Meeting.__table__, meetings)
        meeting_count = len(meetings)
        del meetings  # 60,000 rows at national size: not kept while the marks are made
        for g in groups:
            same_course, starts = self.courses.setdefault((g.place[0], g.course.id), ([], []))
            same_course.append(g)
            starts.append(g.start)
        # Men's groups first: a women's group finds its members' husbands among their men.
        ordered = sorted(groups, key=lambda g: g.kind == "women")
        for done, g in enumerate(ordered, 1):
            self._enrol_members(g)
            if len(self.pending[Attendance.__table__]) >= FLUSH_MARKS or done == len(ordered):
                for table, rows in self.pending.items():
                    self._insert(table, rows)
                    if table is Participant.__table__:  # past the ORM, which would add them
                        add_name_words(self.conn, [(r["id"], r["name_key"]) for r in rows])
                    rows.clear()
                self.progress(
                    "Enrolling members, taking attendance", 0.1 + 0.85 * done / len(ordered)
                )
        people = Participant.__table__
        husbands = update(people).where(people.c.id == bindparam("husband"))
        self._insert(husbands.values(partner_id=bindparam("wife")), self.couples)
        self.progress("Adding attitude surveys", 0.95)
        add_demo_surveys(self.conn, self._surveyed_groups(), self.seed, self._id, self._uuid)
        # The marks, enrolments and surveys went in by bulk SQL, past the ORM's counting.
        recount_marks(self.conn)
        recount_members(self.conn)
        recount_enrolment_days(self.conn)
        recount_sessions_held(self.conn)
        recount_attitude_totals(self.conn)
        if self.scale.groups <= _SCALES["office"].groups:  # kept out of the national timings
            add_accountability_demo(self.conn, self.rng, self.today)
        self._save_code_counter()
        self._reset_id_sequences()
        c = self.counts
        return (len(places), len(facilitators), len(groups), c["participants"],
                c["enrollments"], meeting_count, c["marks"])  # fmt: skip

    def _course(self, code: str, share: float) -> _Course:
        course_id = self.conn.scalar(
            select(Curriculum.id).where(Curriculum.code == code).order_by(Curriculum.version.desc())
        )
        sessions = self.conn.execute(
            select(CurriculumSession.id, CurriculumSession.minutes)
            .where(CurriculumSession.curriculum_id == course_id)
            .order_by(CurriculumSession.number)
        ).all()
        return _Course(
            course_id, [tuple(s) for s in sessions], required_sessions(len(sessions), share)
        )

    # -- places, groups, facilitators and meetings -------------------------------------

    def _communities(self) -> list[tuple[str, int, str]]:
        """(district abbreviation, community id, name) of each place that groups meet in; a
        place the office registered already is used, not added twice."""
        c = Community.__table__
        known = {
            tuple(r[1:]): r[0]
            for r in self.conn.execute(select(c.c.id, c.c.name, c.c.chiefdom, c.c.district))
        }
        places, rows = [], []
        for abbr in self.scale.districts:
            district = names.DISTRICTS_BY_ABBR[abbr]
            for chiefdom, towns in district.chiefdoms.items():
                for town in towns:
                    cid = known.get((town, chiefdom, district.name))
                    if cid is None:
                        cid = self._id(c)
                        rows.append({"id": cid, "uuid": self._uuid(), "name": town,
                                     "chiefdom": chiefdom, "district": district.name})  # fmt: skip
                    places.append((abbr, cid, town))
        if self.scale.groups < 10:
            places = places[:2]  # a small demo: two neighbouring communities
        used = {cid for _, cid, _ in places}
        self._insert(c, [row for row in rows if row["id"] in used])
        return places

    def _lay_out_groups(self, places: list[tuple[str, int, str]]) -> list[_Group]:
        """Each group's kind, place and start: over the last two years, and a few to come."""
        rng, today = self.rng, self.today
        if self.scale.groups < 10:  # one men's group finished, one running with its women
            running = _Group("men", places[1], today - timedelta(weeks=7), self.men_course)
            groups = [
                _Group("men", places[0], today - timedelta(weeks=24), self.men_course),
                running,
                _Group("women", places[1], today - timedelta(weeks=6), self.women_course, running),
            ]
        else:
            weights = [  # a district's share, spread over its chiefdoms
                names.DISTRICTS_BY_ABBR[p[0]].weight / len(names.DISTRICTS_BY_ABBR[p[0]].chiefdoms)
                for p in places
            ]
            women, mixed = round(self.scale.groups * 0.20), round(self.scale.groups * 0.05)
            groups = []
            for n in range(self.scale.groups - women):
                days = rng.randint(3, 35) if rng.random() < 0.03 else -rng.randint(0, 730)
                kind, place = "mixed" if n < mixed else "men", rng.choices(places, weights)[0]
                groups.append(_Group(kind, place, today + timedelta(days=days), self.men_course))
            for men in rng.sample(groups[mixed:], women):  # women's groups start alongside men's
                start = men.start + timedelta(days=rng.randint(0, 21))
                groups.append(_Group("women", men.place, start, self.women_course, men))
        for g in groups:  # the meeting day, hour and venue; the start moves to that weekday
            g.weekday = rng.choices(range(7), names.WEEKDAY_WEIGHTS)[0]
            g.start += timedelta(days=(g.weekday - g.start.weekday()) % 7)
            hours = names.WOMEN_TIMES if g.kind == "women" else names.MEN_TIMES
            g.time = clock.fromisoformat(rng.choice(hours))
            g.venue = rng.choice(names.VENUES)
        groups.sort(key=lambda g: (g.start, g.place[1], g.kind))
        numbers: dict[object, int] = {}
        for g in groups:  # codes and names numbered in start order, oldest first
            g.id, letter = self._id(Group.__table__), _KIND_LETTERS[g.kind]
            n = numbers[g.place[0], letter] = numbers.get((g.place[0], letter), 0) + 1
            g.code = f"{g.place[0]}-{letter}{n:03d}"
            name = f"{g.place[2]} {_KIND_NAMES[g.kind]}"
            n = numbers[name] = numbers.get(name, 0) + 1
            g.name = name if n == 1 else f"{name} {n}"
        return groups

    def _facilitators(self, groups: list[_Group]) -> list[dict]:
        """About one facilitator to three groups, from the group's district. Women facilitate
        the women's groups; a mixed group has a woman as co-facilitator."""
        roles = [(g, "facilitator_id", "F" if g.kind == "women" else "M") for g in groups]
        roles += [(g, "co_facilitator_id", "F") for g in groups if g.kind == "mixed"]
        needed: dict[tuple[str, str], int] = {}
        for g, _, sex in roles:
            needed[g.place[0], sex] = needed.get((g.place[0], sex), 0) + 1
        pools: dict[tuple[str, str], list[dict]] = {}
        for (district, sex), count in needed.items():
            pools[district, sex] = [
                {"id": self._id(Facilitator.__table__), "uuid": self._uuid(), "name": self._name(sex),
                 "sex": sex, "phone": self._phone(), "active": True, "groups": []}
                for _ in range(math.ceil(count / 3))
            ]  # fmt: skip
        for g, role, sex in roles:  # in start order, to whoever has fewest groups so far
            person = min(pools[g.place[0], sex], key=lambda p: len(p["groups"]))
            setattr(g, role, person["id"])
            person["groups"].append(g)
        return [person for pool in pools.values() for person in pool]

    def _schedule(self, g: _Group) -> list[dict]:
        """One meeting a week per session; a holiday pushes it and the rest a week on. Past
        meetings were mostly held; a missed one is made up a few days later, before the next."""
        rng, today, rows = self.rng, self.today, []
        dates, day = [], g.start
        while len(dates) < len(g.course.sessions):
            if day not in self.closed_days:
                dates.append(day)
            day += timedelta(weeks=1)
        for number, planned in enumerate(dates, 1):
            session_id, minutes = g.course.sessions[number - 1]
            rows.append(row := self._meeting_row(g, session_id, planned))
            if planned >= today:
                continue
            roll, last = rng.random(), number == len(dates)
            if roll < 0.90:
                next_day = planned + timedelta(days=1)
                late = rng.random() < 0.05 and next_day < today and next_day not in self.closed_days
                self._hold(g, row, number, next_day if late else planned, minutes)
                continue
            row["status"] = "cancelled" if roll < 0.96 else "postponed"
            row["cancel_reason"] = rng.choice(names.MISSED_MEETING_REASONS)
            if row["status"] == "cancelled" and not last and rng.random() < 0.25:
                continue  # never made up: the group loses this session
            makeup_day = planned + timedelta(days=rng.randint(2, 5))
            while makeup_day in self.closed_days:
                makeup_day += timedelta(days=1)
            if last or makeup_day < dates[number]:
                rows.append(makeup := self._meeting_row(g, session_id, makeup_day, row["id"]))
                if makeup_day < today:
                    self._hold(g, makeup, number, makeup_day, minutes)
        g.held.sort(key=lambda held: held[2])
        if any(number == len(dates) for _, number, _ in g.held):
            g.status, g.closed_on = "closed", g.held[-1][2]
        elif dates[0] < today:
            g.status = "active"
        return rows

    def _meeting_row(
        self, g: _Group, session_id: int, day: date, makeup_of: int | None = None
    ) -> dict:
        return {
            "id": self._id(Meeting.__table__), "uuid": self._uuid(), "group_id": g.id,
            "session_id": session_id, "makeup_of_id": makeup_of, "planned_date": day,
            "planned_time": g.time, "held_date": None, "status": "planned",
            "facilitator_id": g.facilitator_id, "venue": g.venue, "duration_minutes": None,
            "cancel_reason": "", "notes": "Make-up meeting" if makeup_of else "",
        }  # fmt: skip

    def _hold(self, g: _Group, row: dict, number: int, day: date, minutes: int) -> None:
        length = minutes + self.rng.choice((-30, -15, 0, 0, 15))
        row.update(status="held", held_date=day, duration_minutes=length)
        g.held.append((row["id"], number, day))

    def _group_row(self, g: _Group) -> dict:
        return {
            "id": g.id, "uuid": self._uuid(), "code": g.code, "name": g.name, "kind": g.kind,
            "community_id": g.place[1], "curriculum_id": g.course.id,
            "facilitator_id": g.facilitator_id, "co_facilitator_id": g.co_facilitator_id,
            "meeting_weekday": g.weekday, "meeting_time": g.time, "venue": g.venue,
            "start_date": g.start, "status": g.status, "closed_on": g.closed_on, "notes": "",
        }  # fmt: skip

    # -- members and their attendance --------------------------------------------------

    def _enrol_members(self, g: _Group) -> None:
        rng = self.rng
        fewest, most = self.scale.women_members if g.kind == "women" else self.scale.men_members
        for _ in range(rng.randint(fewest, most)):
            male = g.kind == "men" or (g.kind == "mixed" and rng.random() < 0.6)
            # A few join at the second or third meeting, once word has gone round.
            first = rng.randint(1, 2) if rng.random() < 0.06 and len(g.held) > 3 else 0
            enrolled_on = g.held[first][2] if first else g.start
            person = self._participant(g, "M" if male else "F", enrolled_on)
            if g.kind == "men":
                g.unpartnered_men.append(person)
            self._membership(g, person, male, first, enrolled_on)

    def _participant(self, g: _Group, sex: str, enrolled_on: date) -> int:
        rng, person = self.rng, self._id(Participant.__table__)
        first, last = self._name(sex).split(" ", 1)
        husbands = g.alongside.unpartnered_men if g.alongside else []
        husband = (
            husbands.pop(rng.randrange(len(husbands))) if husbands and rng.random() < 0.35 else None
        )
        if husband:
            self.couples.append({"husband": husband, "wife": person})
        born = None if rng.random() < 0.08 else self.today.year - int(rng.triangular(18, 65, 30))
        phone = None if rng.random() < 0.25 else self._phone()
        self.serial += 1
        self.counts["participants"] += 1
        self.pending[Participant.__table__].append({
            "id": person, "uuid": self._uuid(), "code": participant_code(self.serial),
            "first_name": first, "last_name": last, "name_key": f"{first} {last}".lower(),
            "sex": sex, "birth_year": born, "phone": phone, "community_id": g.place[1],
            "partner_id": husband, "notes": "",
            "consent_date": enrolled_on - timedelta(days=rng.randint(0, 10)),
        })  # fmt: skip
        return person

    def _membership(
        self, g: _Group, person: int, male: bool, first: int, enrolled_on: date
    ) -> None:
        """One member's enrolment and marks. Some men leave: one who drops out misses a run of
        meetings first; one who transfers joins a group in his district that has just begun.
        A man who did not complete may repeat the course in a group starting soon after."""
        rng, held, size = self.rng, g.held, len(g.course.sessions)
        keen = rng.uniform(0.80, 0.98) if rng.random() < 0.85 else rng.uniform(0.45, 0.80)
        roll = rng.random()
        leaving = "dropped" if roll < (0.11 if male else 0.05) else None
        if male and g.kind != "women" and 0.11 <= roll < 0.135:
            leaving = "transferred"
        leave_at = rng.randint(first + 2, size - 2) if leaving else size + 1  # a held index
        away_from = leave_at - rng.randint(2, 4) if leaving == "dropped" else leave_at
        attended = self._attend(g, person, first, min(leave_at, len(held)), keen, away_from)
        row = self._enrollment_row(g, person, enrolled_on, attended)
        if leave_at > len(held):
            if row["status"] == "not_completed" and male and rng.random() < 0.4:
                later = self._group_starting(g, g.closed_on + timedelta(days=7), 120)
                if later:
                    self._join(later, person, g.closed_on, min(0.98, keen + 0.1))
            return
        row["ended_on"] = left_on = held[leave_at - 1][2]  # the last meeting he was marked at
        later = (
            self._group_starting(g, left_on - timedelta(days=21), 42)
            if leaving == "transferred"
            else None
        )
        if later is None:
            reasons = names.MEN_DROP_REASONS if male else names.WOMEN_DROP_REASONS
            if g.place[0] == "WAU":  # Freetown's own groups: nobody "moves to Freetown"
                reasons = [reason for reason in reasons if "Freetown" not in reason]
            row.update(status="dropped", reason=rng.choice(reasons))
        else:
            reason = rng.choice(names.TRANSFER_REASONS).format(community=later.place[2])
            row.update(status="transferred", reason=reason, transferred_to_group_id=later.id)
            self._join(later, person, left_on, keen)

    def _group_starting(self, g: _Group, earliest: date, within_days: int) -> _Group | None:
        """Another group of the same curriculum and district starting in the window given."""
        same_course, starts = self.courses[g.place[0], g.course.id]
        low = bisect_left(starts, earliest)
        high = bisect_right(starts, earliest + timedelta(days=within_days))
        options = [other for other in same_course[low:high] if other is not g]
        return self.rng.choice(options) if options else None

    def _join(self, g: _Group, person: int, left_on: date, keen: float) -> None:
        joined = max(left_on + timedelta(days=1), g.start)
        first = bisect_left([day for _, _, day in g.held], joined)
        attended = self._attend(g, person, first, len(g.held), keen, len(g.held))
        self._enrollment_row(g, person, joined, attended)

    def _enrollment_row(self, g: _Group, person: int, enrolled_on: date, attended: int) -> dict:
        """Active while the group runs; when it has closed, completed or not by the rule."""
        status, ended_on = "active", None
        if g.status == "closed":
            status = "completed" if attended >= g.course.required else "not_completed"
            ended_on = g.closed_on
        self.counts["enrollments"] += 1
        row = {
            "id": self._id(Enrollment.__table__), "uuid": self._uuid(), "participant_id": person,
            "group_id": g.id, "enrolled_on": enrolled_on, "ended_on": ended_on, "status": status,
            "reason": "", "transferred_to_group_id": None,
        }  # fmt: skip
        self.pending[Enrollment.__table__].append(row)
        if g.status == "closed" and g.kind == "men":
            self.surveyed.setdefault(g, []).append((person, attended, row))
        return row

    def _surveyed_groups(self) -> list[SurveyedGroup]:
        """The finished men's groups and their men, once every enrolment's status is final."""
        return [
            SurveyedGroup(g.id, g.held[0][2], g.held[-1][2], len(g.course.sessions), tuple(
                SurveyedMan(person, attended, row["status"] in ("completed", "not_completed"))
                for person, attended, row in men
            ))
            for g, men in self.surveyed.items()
        ]  # fmt: skip

    def _attend(
        self, g: _Group, person: int, first: int, stop: int, keen: float, away_from: int
    ) -> int:
        """Marks at held meetings first..stop-1; returns the distinct sessions attended.
        Presence thins out over the weeks; from `away_from` on he has stopped coming."""
        rng, rows, attended = self.rng, self.pending[Attendance.__table__], set()
        span = max(1, len(g.course.sessions) - 1)
        next_id = self._id(Attendance.__table__)  # the ids used are taken below
        for index in range(first, stop):
            meeting, number, _ = g.held[index]
            if index >= away_from:
                status = "excused" if rng.random() < 0.1 else "absent"
            elif rng.random() < keen * (1 - 0.15 * (number - 1) / span):
                status = "late" if rng.random() < 0.1 else "present"
                attended.add(number)
            else:
                status = "excused" if rng.random() < 0.25 else "absent"
            rows.append((next_id, self._uuid(), meeting, person, status, ""))
            next_id += 1
        self.counts["marks"] += max(0, stop - first)
        self.next_id["attendance"] = next_id
        return len(attended)

    # -- writing ------------------------------------------------------------------------

    def _insert(self, statement: Table | Executable, rows: list[dict] | list[tuple]) -> None:
        if rows and isinstance(rows[0], tuple):
            # Attendance marks, in MARK_COLUMNS order, go straight to the driver: skipping
            # SQLAlchemy's per-row parameter handling saves a fifth of a national build, and
            # these columns (numbers and text) need no conversion.
            mark = "?" if self.conn.dialect.paramstyle == "qmark" else "%s"
            columns = ", ".join(MARK_COLUMNS)
            marks = ", ".join([mark] * len(MARK_COLUMNS))
            sql = f"INSERT INTO {statement.name} ({columns}) VALUES ({marks})"
            execute = self.conn.exec_driver_sql
        else:
            sql = insert(statement) if isinstance(statement, Table) else statement
            execute = self.conn.execute
        for start in range(0, len(rows), CHUNK_ROWS):
            if self.cancelled():
                raise _Cancelled
            execute(sql, rows[start : start + CHUNK_ROWS])

    def _save_code_counter(self) -> None:
        """Move the code counter past the codes used, so the next participant's never clashes."""
        settings, value = Setting.__table__, str(self.serial)
        moved = self.conn.execute(
            update(settings).where(settings.c.key == COUNTER_KEY), {"value": value}
        )
        if moved.rowcount == 0:
            row = {
                "id": self._id(settings),
                "uuid": self._uuid(),
                "key": COUNTER_KEY,
                "value": value,
            }
            self.conn.execute(insert(settings), row)

    def _reset_id_sequences(self) -> None:
        """PostgreSQL's id sequences did not see the ids given here: move them past."""
        if self.conn.dialect.name != "postgresql":
            return
        quote = self.conn.dialect.identifier_preparer.quote
        for table in self.next_id:
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{quote(table)}', 'id'), "
                f"(SELECT max(id) FROM {quote(table)}))"
            )

    def _id(self, table: Table) -> int:
        if table.name not in self.next_id:
            self.next_id[table.name] = (self.conn.scalar(select(func.max(table.c.id))) or 0) + 1
        self.next_id[table.name] += 1
        return self.next_id[table.name] - 1

    def _uuid(self) -> str:
        """A time-ordered UUID (version 7 of RFC 9562): this build's millisecond, a counter and
        a random tail. Merge-safe like a random one, but each sorts after the last, so a unique
        index of 1.5 million grows at its end instead of rewriting pages all through it."""
        self.uuid_count += 1
        count = self.uuid_count
        return f"{self.uuid_base | (count >> 30) << 64 | (count & 0x3FFFFFFF) << 32:032x}"

    def _name(self, sex: str) -> str:
        first = self.rng.choice(names.WOMEN_FIRST_NAMES if sex == "F" else names.MEN_FIRST_NAMES)
        return f"{first} {self.rng.choice(names.SURNAMES)}"

    def _phone(self) -> str:
        return f"+232{self.rng.choice(names.PHONE_PREFIXES)}{self.rng.randrange(1_000_000):06d}"
