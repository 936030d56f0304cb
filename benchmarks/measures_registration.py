"""Registration's budget lines: the participants search as the user types, and importing a messy
5,000-row spreadsheet — through the same services the Participants panel and the import dialog
call.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from benchmarks.harness import Result, absolute
from mwp_desktop.services.actor import SYSTEM

# What people type, a letter at a time: a surname, a first name, a code, phone digits.
TYPED = ("kamara", "fatmata", "P00012", "076 12", "sesay m")


def search(setup) -> list[Result]:
    """One keystroke to the table's first page of rows: what ParticipantTableModel.reload()
    asks of the service, in its own session, for each prefix of what is typed."""
    from mwp_desktop.services.registration.participant_search import (
        PAGE_SIZE,
        ParticipantQuery,
        search_participants,
    )

    db = setup.open("national")
    keystrokes = [word[:n] for word in TYPED for n in range(1, len(word) + 1)]

    def type_once() -> list[float]:
        times = []
        for text in keystrokes:
            start = time.perf_counter()
            with db.session() as session:
                search_participants(session, SYSTEM, ParticipantQuery(text=text), 0, PAGE_SIZE)
            times.append(time.perf_counter() - start)
        return times

    type_once()  # warm-up
    runs = 1 if setup.quick else 3
    times = [t for _ in range(runs) for t in type_once()]
    median = statistics.median(times)
    result = absolute("participants search, one keystroke to rows", median, 0.05, len(times))
    result.note = (
        f"{len(keystrokes)} keystrokes × {runs}; slowest {max(times) * 1000:.0f} ms; "
        "after the panel's 150 ms typing pause"
    )
    return [result]


def import_xlsx(setup) -> list[Result]:
    """Import a messy 5,000-row XLSX into a copy of the database: read, check, save."""
    from mwp_desktop.services.admin.database import open_existing
    from mwp_desktop.services.registration.participant_import import (
        load_source,
        plan_import,
        run_import,
    )

    rows = 500 if setup.quick else 5000
    path = setup.scratch / "participants.xlsx"
    write_messy_xlsx(path, rows)
    times, summary = [], ""
    runs = 1 if setup.quick else 3
    for _ in range(runs):  # each on a fresh copy, so every run imports the same new rows
        db = open_existing(str(setup.working_copy("national")))
        try:
            start = time.perf_counter()
            source = load_source(path)
            with db.session() as session:
                plan = plan_import(session, source)
                summary = run_import(session, SYSTEM, plan, source_name=path.name).summary()
            times.append(time.perf_counter() - start)
        finally:
            db.close()
    result = absolute(f"import a {rows:,}-row XLSX", statistics.median(times), 5.0, runs, unit="s")
    result.note = summary
    return [result]


FIRST = ("Mohamed", "Abdul", "Ibrahim", "Sorie", "Alusine", "Foday", "Fatmata", "Aminata",
         "Isatu", "Mariama", "Kadiatu", "Hawa", "Alhaji", "Musa", "Osman", "Saidu")  # fmt: skip
LAST = ("Kamara", "Sesay", "Conteh", "Koroma", "Bangura", "Turay", "Mansaray", "Kargbo",
        "Jalloh", "Kanu", "Fofanah", "Kallon", "Koné", "Bah", "Samura", "Dumbuya")  # fmt: skip
PLACES = ("Tombo", "Waterloo", "Kent", "Moyamba Junction", "Tissana", "Hastings", "Songo")


def write_messy_xlsx(path: Path, count: int, seed: int = 7) -> Path:
    """A list as it arrives from the field: title rows, a header in someone's words, names in
    one column in any case with stray spaces, sex as Male/f/M, ages or birth years, phones in
    every format, blank rows, some bad rows and some duplicates."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Participants")
    sheet.append(["LEWAF — MWP participants list"])
    sheet.append(["Compiled by the district office"])
    sheet.append([])
    sheet.append(["S/N", "Full Name", "Gender", "Age", "Phone No.", "Village", "Remarks"])
    previous = None
    for n in range(1, count + 1):
        if rng.random() < 0.02:
            sheet.append([])  # blank rows between pages of the paper list
        if previous is not None and rng.random() < 0.02:
            sheet.append([n, *previous[1:]])  # the same man written twice
            continue
        # Middle names and initials, as the lists have them: few men share all three.
        first = f"{rng.choice(FIRST)} {rng.choice(FIRST)[0]}."
        if rng.random() < 0.5:
            first = f"{rng.choice(FIRST)} {rng.choice(FIRST)}"
        last = rng.choice(LAST)
        name = rng.choice((f"{first} {last}", f"  {first.upper()} {last} ", f"{last}, {first}"))
        sex = rng.choice(("Male", "male", "M", "m", "Female", "F")) if rng.random() > 0.01 else "X"
        age = rng.choice((str(rng.randint(18, 70)), str(rng.randint(1955, 2006)), ""))
        digits = f"{rng.choice(('76', '77', '78', '88', '30', '33'))}{rng.randint(0, 999999):06d}"
        phone = rng.choice((f"0{digits}", f"+232 {digits[:2]} {digits[2:]}", f"232{digits}", ""))
        row = [n, name, sex, age, phone, rng.choice(PLACES), rng.choice(("", "", "new", "?"))]
        sheet.append(row)
        previous = row
    book.save(path)
    return path
