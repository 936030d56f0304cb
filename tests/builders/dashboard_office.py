"""A small office whose dashboard figures were worked out by hand (see the tests for the sums).

Period used by the tests: 01/01/2026 to 31/03/2026 (previous period 03/10/2025 to 31/12/2025).

G1 men's group, Kpetema (Moyamba), facilitator Fatmata, started 05/01/2026:
  P1, P2 active; P3 dropped 20/01; P4 transferred to G3 on 13/01.
  M1  s1 05/01: P1 present, P2 late, P3 present, P4 present
  M2  s2 12/01: P1 present, P2 absent, P3 absent, P4 excused
  M2b s2 14/01 (make-up of M2): P1 present (again: counts once for session 2), P2 present
  M3  s3 planned 19/01, held 20/01: P1 absent, P2 excused, P3 absent
  M4  s4 26/01: P1 absent, P2 present
  s5 02/02 still planned; a cancelled meeting 09/02 — neither counts.
G2 men's group, Gerihun (Bo), facilitator Alusine, started 01/09/2025, closed 20/02/2026:
  P5, P8 completed; P6 not completed (all ended 20/02/2026); P7 dropped 01/10/2025.
  M6  s16 16/02: P5 present, P6 absent, P8 present
G3 mixed group, Gerihun (Bo), facilitator Alusine, started 12/01/2026: P4, P9 active from 13/01.
  M7  s1 19/01 led by Fatmata: P4 present, P9 absent
  M8  s2 26/01: P4 present, P9 absent
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .groups import add_group, add_meeting
from .marks import add_marks
from .people import add_membership, add_participant
from .places import add_community, add_facilitator

TODAY = date(2026, 3, 31)
PERIOD = (date(2026, 1, 1), date(2026, 3, 31))


@dataclass(frozen=True)
class DashboardOffice:
    """Ids by the names the tests use: groups "G1".., facilitators "Fatmata".., communities."""

    groups: dict[str, int]
    facilitators: dict[str, int]
    communities: dict[str, int]


def d(day: int, month: int, year: int = 2026) -> date:
    return date(year, month, day)


def add_dashboard_office(db) -> DashboardOffice:
    with db.session() as s:
        kpetema = add_community(s, "Kpetema", chiefdom="Kori", district="Moyamba")
        gerihun = add_community(s, "Gerihun", chiefdom="Bumpe", district="Bo")
        fatmata = add_facilitator(s, "Fatmata Kamara", sex="F")
        alusine = add_facilitator(s, "Alusine Bangura")

        def a_group(code, kind, place, lead, start, status="active", closed=None):
            return add_group(s, code, kind=kind, name=f"{place.name} {kind}", community=place,
                             facilitator=lead, start=start, status=status, closed_on=closed)  # fmt: skip

        g1 = a_group("G1", "men", kpetema, fatmata, d(5, 1))
        g2 = a_group("G2", "men", gerihun, alusine, d(1, 9, 2025), "closed", d(20, 2))
        g3 = a_group("G3", "mixed", gerihun, alusine, d(12, 1))

        people = {
            n: add_participant(
                s, f"Person{n}", "Test", code=f"P{n:06d}", sex="F" if n == 9 else "M"
            )
            for n in range(1, 10)
        }

        def enrol(n, g, start, status="active", ended=None, to=None):
            add_membership(s, people[n], g, enrolled_on=start, status=status, ended_on=ended,
                           transferred_to=to)  # fmt: skip

        enrol(1, g1, d(5, 1))
        enrol(2, g1, d(5, 1))
        enrol(3, g1, d(5, 1), "dropped", d(20, 1))
        enrol(4, g1, d(5, 1), "transferred", d(13, 1), to=g3)
        enrol(5, g2, d(1, 9, 2025), "completed", d(20, 2))
        enrol(6, g2, d(1, 9, 2025), "not_completed", d(20, 2))
        enrol(7, g2, d(1, 9, 2025), "dropped", d(1, 10, 2025))
        enrol(8, g2, d(1, 9, 2025), "completed", d(20, 2))
        enrol(4, g3, d(13, 1))
        enrol(9, g3, d(13, 1))

        def held(g, number, planned, taken, on=None, makeup_of=None, led_by=None):
            m = add_meeting(s, g, number, planned, status="held", held=on, makeup_of=makeup_of,
                            led_by=led_by)  # fmt: skip
            add_marks(s, m, {people[n]: mark for n, mark in taken})
            return m

        held(g1, 1, d(5, 1), [(1, "present"), (2, "late"), (3, "present"), (4, "present")])
        m2 = held(g1, 2, d(12, 1), [(1, "present"), (2, "absent"), (3, "absent"), (4, "excused")])
        held(g1, 2, d(14, 1), [(1, "present"), (2, "present")], makeup_of=m2)
        held(g1, 3, d(19, 1), [(1, "absent"), (2, "excused"), (3, "absent")], on=d(20, 1))
        held(g1, 4, d(26, 1), [(1, "absent"), (2, "present")])
        add_meeting(s, g1, 5, d(2, 2))
        add_meeting(s, g1, 6, d(9, 2), status="cancelled")
        held(g2, 16, d(16, 2), [(5, "present"), (6, "absent"), (8, "present")])
        held(g3, 1, d(19, 1), [(4, "present"), (9, "absent")], led_by=fatmata)
        held(g3, 2, d(26, 1), [(4, "present"), (9, "absent")])
        return DashboardOffice(
            groups={"G1": g1.id, "G2": g2.id, "G3": g3.id},
            facilitators={"Fatmata": fatmata.id, "Alusine": alusine.id},
            communities={"Kpetema": kpetema.id, "Gerihun": gerihun.id},
        )
