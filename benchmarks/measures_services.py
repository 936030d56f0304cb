"""Budget lines timed through the services the panels call (no window): the register, one mark,
the dashboard, the agenda, a sign-in sheet and certificates.

Which rows to time (a group of ~30 members with 16 held meetings, a meeting being typed in…) is
picked with plain SQL beforehand, outside the timing.
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

from sqlalchemy import text

from benchmarks.harness import Result, absolute, median_seconds, relative

# The office's own user would do; the program's SYSTEM actor (an administrator) passes every
# permission check the same way, and attendance locking is off in the demo data.
from mwp_desktop.services.actor import SYSTEM


def _scalar_row(db, sql: str, **params):
    with db.engine.connect() as conn:
        row = conn.execute(text(sql), params).first()
    if row is None:
        raise RuntimeError(f"the benchmark database has no row for: {sql.split()[:8]}")
    return row


def register_group(db) -> tuple[int, int, int]:
    """(group id, members, held meetings) of the group closest to 30 members × 16 meetings."""
    return tuple(
        _scalar_row(
            db,
            """
            SELECT id, members, held FROM (
              SELECT g.id,
                (SELECT count(DISTINCT e.participant_id) FROM enrollments e
                  WHERE e.group_id = g.id) AS members,
                (SELECT count(*) FROM meetings m
                  WHERE m.group_id = g.id AND m.status = 'held') AS held
              FROM groups g)
            ORDER BY abs(members - 30) + 3 * abs(held - 16), id LIMIT 1
            """,
        )
    )


def register(setup) -> list[Result]:
    """Open a group's attendance register (30 × 16), national scale."""
    from mwp_desktop.services.sessions.attendance import load_register

    db = setup.open("national")
    group_id, members, held = register_group(db)

    def open_register():
        with db.session() as session:
            return load_register(session, SYSTEM, group_id)

    result = absolute(
        "open a group's attendance register", median_seconds(open_register, setup.runs), 0.1,
        setup.runs,
    )  # fmt: skip
    result.note = f"{members} members × {held} held meetings"
    return [result]


def mark(setup) -> list[Result]:
    """One attendance mark saved durably (WAL, synchronous=FULL) on a copy of the database."""
    from mwp_desktop.services.admin.database import open_existing
    from mwp_desktop.services.sessions.attendance import set_mark

    db = open_existing(str(setup.working_copy("national")))
    try:
        # The newest held meeting of a running group, and a member marked at it: the everyday
        # case of typing in this week's paper sheets.
        meeting_id, participant_id, status = _scalar_row(
            db,
            """
            SELECT a.meeting_id, a.participant_id, a.status FROM attendance a
            JOIN meetings m ON m.id = a.meeting_id
            JOIN groups g ON g.id = m.group_id
            JOIN enrollments e ON e.group_id = g.id AND e.participant_id = a.participant_id
            WHERE g.status = 'active' AND m.status = 'held' AND e.status = 'active'
            ORDER BY m.held_date DESC, a.id LIMIT 1
            """,
        )
        # Alternate, so every run writes a change.
        cycle = ["absent", "present"] if status != "absent" else ["present", "absent"]
        turn = [0]

        def save_one():
            with db.session() as session:
                set_mark(session, SYSTEM, meeting_id, participant_id, cycle[turn[0] % 2])
            turn[0] += 1

        runs = max(setup.runs, 15)  # cheap, and fsync times vary: more runs
        seconds = median_seconds(save_one, runs, warmup=2)
    finally:
        db.close()
    result = absolute("one attendance mark saved durably", seconds, 0.02, runs)
    result.note = "WAL + synchronous=FULL, on a copy of the " + (
        "small database" if setup.quick else "national database"
    )
    return [result]


def dashboard(setup) -> list[Result]:
    """Dashboard full refresh (national) and one filter change (office): the worker's call."""
    from mwp_desktop.services.statistics.dashboard import read_dashboard
    from mwp_desktop.services.statistics.filters import DashboardFilter, filter_choices

    national = setup.open("national")

    def refresh():  # as the panel's worker reads it
        return read_dashboard(national, DashboardFilter(), "district")

    runs = max(3, setup.runs - 2)  # a second or more each at national scale
    full = absolute("dashboard full refresh", median_seconds(refresh, runs), 1.0, runs)
    full.unit, full.median, full.budget = "s", full.median / 1000, "≤ 1 s"

    office = setup.open("office")
    with office.session() as session:
        districts = filter_choices(session).districts
    turn = [0]

    def change_filter():
        district = districts[turn[0] % len(districts)] if districts else None
        turn[0] += 1
        return read_dashboard(office, DashboardFilter(district=district), "district")

    change = absolute(
        "dashboard: one filter change (office db)", median_seconds(change_filter, setup.runs),
        0.2, setup.runs,
    )  # fmt: skip
    change.note = "district filter, alternating districts"
    return [full, change]


def agenda_reading(setup, scale: str = "national", exact: bool = False):
    """A call reading the agenda (filters + this week and next, overdue included), and a list
    whose first item is how many meetings it listed last."""
    from mwp_desktop.services.sessions.agenda import agenda as read_agenda
    from mwp_desktop.services.sessions.agenda import agenda_filters, week_start

    db = setup.open(scale, exact)
    today = date.today()
    monday = week_start(today)
    found = [0]

    def open_agenda():
        with db.session() as session:
            agenda_filters(session)
            found[0] = len(
                read_agenda(session, SYSTEM, monday, monday + timedelta(days=13), today=today)
            )

    return open_agenda, found


def agenda_seconds(setup, scale: str = "national", exact: bool = False) -> tuple[float, int]:
    """Median seconds to read the agenda, and how many meetings it listed."""
    open_agenda, found = agenda_reading(setup, scale, exact)
    return median_seconds(open_agenda, setup.runs), found[0]


def agenda(setup) -> list[Result]:
    """The sessions agenda (this week and next, overdue included), national scale."""
    seconds, found = agenda_seconds(setup)
    result = absolute("sessions agenda (filters + this week and next)", seconds, 0.3, setup.runs)
    result.note = f"{found:,} meetings listed"
    return [result]


def sign_in_meeting(db) -> int:
    """A meeting of the group closest to 30 members (its first session)."""
    group_id, _, _ = register_group(db)
    return _scalar_row(
        db,
        "SELECT id FROM meetings WHERE group_id = :g AND makeup_of_id IS NULL "
        "ORDER BY planned_date LIMIT 1",
        g=group_id,
    )[0]


def sign_in_sheet(setup) -> list[Result]:
    """One session sign-in sheet, data read and PDF written, national scale."""
    from mwp_desktop.services.documents.print_jobs import make_sign_in_sheets

    db = setup.open("national")
    meeting_id = sign_in_meeting(db)
    path = setup.scratch / "sign-in-sheet.pdf"
    # The first sheet of a run imports reportlab and reads the fonts; the Printing panel does
    # that on a thread as it opens (printing.fonts.warm_up), so the warm-up run is left out.
    result = absolute(
        "one session sign-in sheet",
        median_seconds(lambda: make_sign_in_sheets(db, SYSTEM, [meeting_id], path), setup.runs),
        0.2, setup.runs,
    )  # fmt: skip
    return [result]


def certificates(setup) -> list[Result]:
    """1,000 certificates to PDF against the tightest reportlab script drawing the same pages
    (benchmarks/bare_certificates.py), interleaved; every QR code is scanned back."""
    from benchmarks.bare_certificates import draw_bare, register_bare_fonts
    from mwp_desktop.printing.certificate import write_certificates
    from mwp_desktop.services.documents.branding import branding

    db = setup.open("national")
    count = 100 if setup.quick else 1000
    with db.session() as session:
        brand = branding(session)
    data = certificate_data(db, count)
    register_bare_fonts()
    ours_path, bare_path = setup.scratch / "certificates.pdf", setup.scratch / "bare.pdf"
    runs = 1 if setup.quick else 3  # up to a minute each
    write_certificates(ours_path, brand, data[:20])  # warm-up: imports and fonts, both sides
    draw_bare(bare_path, data[:20])
    ours, bare = [], []
    for _ in range(runs):
        start = time.perf_counter()
        write_certificates(ours_path, brand, data)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        draw_bare(bare_path, data)
        bare.append(time.perf_counter() - start)
    result = relative(
        f"{count:,} certificates to PDF",
        statistics.median(ours),
        statistics.median(bare),
        0.6,
        runs,
    )
    unread = unreadable_qr_codes(data)
    result.passed = result.passed and not unread
    result.note = "baseline: the tight script, frame as a form, QR as one path (issue 19); " + (
        f"{len(unread)} QR codes NOT read back" if unread else f"all {count:,} QR codes read back"
    )
    return [result]


def unreadable_qr_codes(certificates) -> list[str]:
    """The payloads whose QR code, as the certificates draw it (4 px a module, a quiet zone of
    4), zxing-cpp does not read back exactly."""
    import zxingcpp
    from PIL import Image

    from mwp_desktop.printing.qr import qr_modules

    unread = []
    for certificate in certificates:
        modules = qr_modules(certificate.qr_payload)
        side = len(modules) + 8
        picture = Image.new("L", (side, side), 255)
        for r, row in enumerate(modules):
            for c, dark in enumerate(row):
                if dark:
                    picture.putpixel((c + 4, r + 4), 0)
        picture = picture.resize((side * 4, side * 4), Image.NEAREST)
        read = [barcode.text for barcode in zxingcpp.read_barcodes(picture)]
        if read != [certificate.qr_payload]:
            unread.append(certificate.qr_payload)
    return unread


def certificate_data(db, count: int):
    """Certificates for `count` real participants of the database (serials made up)."""
    from mwp_desktop.printing.data import CertificateData
    from mwp_desktop.services.documents.certificates import qr_payload

    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.first_name || ' ' || p.last_name, p.code, g.name, g.code, c.name "
                "FROM participants p JOIN enrollments e ON e.participant_id = p.id "
                "JOIN groups g ON g.id = e.group_id JOIN communities c ON c.id = g.community_id "
                "ORDER BY p.id LIMIT :n"
            ),
            {"n": count},
        ).all()
    today = date.today()
    result = []
    for i, (name, code, group_name, group_code, community) in enumerate(rows):
        serial = f"MWP-{today.year}-{i + 1:05d}"
        verification = f"{(i * 7919) % 99991:05d}-{(i * 104729) % 99991:05d}"
        result.append(
            CertificateData(
                participant_name=name,
                participant_code=code,
                group_name=group_name,
                group_code=group_code,
                community=community,
                first_session=today - timedelta(weeks=16),
                last_session=today - timedelta(days=3),
                sessions_attended=12 + i % 5,
                sessions_total=16,
                serial=serial,
                verification_code=verification,
                qr_payload=qr_payload(serial, verification),
                issued_on=today,
            )
        )
    return result
