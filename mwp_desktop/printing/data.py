"""What each printed document shows: plain frozen dataclasses, filled by services/documents/print_data.py.

Kept free of reportlab and of the database so a document can be drawn from a test's hand-made
values, and the service can be tested without drawing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class Branding:
    """The organisation's page furniture, from Settings."""

    organisation_name: str = "Lady Ellen Women's Aid Foundation"
    short_name: str = "LEWAF"
    program_name: str = "Men and Women in Partnership"
    logo_path: str = ""  # an image file; blank or missing means no logo
    paper_size: str = "A4"  # "A4" or "Letter"
    signatories: tuple[Signatory, ...] = (
        Signatory("", "Executive Director"),
        Signatory("", "Program Coordinator"),
    )
    # What the office chose to print (Settings). Phones stay off the sign-in sheet, which
    # every man in the group reads; the count of sessions stays off a certificate framed for
    # life; the certificate's cream page can be white, for a print shop that charges for ink.
    sign_in_phones: bool = False
    certificate_attendance: bool = False
    certificate_cream: bool = True


@dataclass(frozen=True)
class CertificateData:
    participant_name: str
    participant_code: str
    group_name: str
    group_code: str
    community: str
    first_session: date | None
    last_session: date | None
    sessions_attended: int
    sessions_total: int
    serial: str
    verification_code: str
    qr_payload: str
    issued_on: date
    facilitator: str = ""  # the group's, who signs beside the organisation's signatories


@dataclass(frozen=True)
class RosterLine:
    code: str
    name: str
    phone: str


@dataclass(frozen=True)
class SignInSheetData:
    group_name: str
    group_code: str
    community: str
    session_number: int
    session_title: str
    planned_date: date | None
    planned_time: str  # "14:00" or ""
    venue: str
    facilitator: str
    roster: tuple[RosterLine, ...]
    makeup: bool = False
    blank_rows: int = 5


@dataclass(frozen=True)
class SessionPlanData:
    curriculum_name: str
    number: int
    title: str
    minutes: int
    objectives: tuple[str, ...]
    activities: tuple[str, ...]
    materials: tuple[str, ...]
    sessions_total: int = 16
    # Printed for a group (the command line's --group): whose session, when and where.
    group: str = ""  # "Waterloo Men's Group 1 (WL-01)"
    facilitator: str = ""
    planned_date: date | None = None
    planned_time: str = ""  # "14:00": the activities' clock starts there
    venue: str = ""
    # For a men's group's plan: (theme, summary) of what women in its community raised since
    # its last session (services/sessions/women_feedback.py), never with a count or a date.
    women_raised: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ScheduleLine:
    session_number: int
    title: str
    planned_date: date | None
    held_date: date | None
    venue: str
    status: str  # planned / held / postponed / cancelled
    makeup: bool = False


@dataclass(frozen=True)
class ScheduleData:
    group_name: str
    group_code: str
    community: str
    facilitator: str
    meeting_day: str  # "Tuesdays at 14:00" or ""
    venue: str
    curriculum_name: str
    lines: tuple[ScheduleLine, ...]


@dataclass(frozen=True)
class RegisterRow:
    code: str
    name: str
    enrollment_status: str
    # One per column, as the on-screen register shows it: "P", "L", "E", "A", "" (no mark),
    # "–" (not a member on that day) or "×" (meeting cancelled).
    marks: tuple[str, ...]
    total: str  # "67% (4/6)": distinct sessions attended of those held while a member
    eligible: bool = False  # enough sessions for a certificate (the completion rule)


@dataclass(frozen=True)
class RegisterData:
    group_name: str
    group_code: str
    community: str
    facilitator: str
    column_labels: tuple[str, ...]  # "1" … "16"; "4m" for a make-up of session 4
    column_dates: tuple[date | None, ...]
    rows: tuple[RegisterRow, ...]
    required: int  # sessions needed to complete
    total_sessions: int
    # "5/6" (present or late / members expected) at a held meeting; "" for one not held.
    column_totals: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class FollowUpLine:
    code: str
    name: str
    phone: str
    group_code: str
    group_name: str
    community: str
    consecutive_absences: int
    last_attended: date | None
    facilitator: str = ""  # the group's, who makes the calls
    facilitator_phone: str = ""


@dataclass(frozen=True)
class FollowUpData:
    threshold: int
    as_of: date
    lines: tuple[FollowUpLine, ...]


@dataclass(frozen=True)
class FigureLine:
    """A headline figure as the dashboard shows it, its values already in words."""

    label: str
    now: str  # "82%", "1,204" or "–"
    before: str  # the same figure for the period before
    change: str  # "+3 points", "no change", "no earlier figure"


@dataclass(frozen=True)
class CompletionLine:
    place: str  # a district, or a community once a district is chosen
    completed: int
    not_completed: int
    dropped: int
    rate: float | None  # completed of completed and not completed


@dataclass(frozen=True)
class FacilitatorLine:
    name: str
    meetings: int
    on_time_share: float | None  # meetings held on their planned day
    attended: int  # marks present or late
    marks: int
    rate: float | None  # attended / marks


@dataclass(frozen=True)
class DashboardReportData:
    """The figures and tables of the dashboard report; the charts come as pictures beside it."""

    figures: tuple[FigureLine, ...]
    completion_by: str  # "district" or "community"
    completion: tuple[CompletionLine, ...]  # lowest rate first
    facilitators: tuple[FacilitatorLine, ...]  # most meetings first


@dataclass(frozen=True)
class QuestionnaireData:
    """A round's questionnaires for a group: one per man, headed by his code, never his name
    (the sheet may be read aloud and carried around)."""

    group_code: str
    round_title: str  # "Baseline"
    instrument_title: str  # "GEM Scale (version 1)"
    source: str
    participant_codes: tuple[str, ...]
    statements: tuple[tuple[int, str], ...]  # (number, statement)
    responses: tuple[str, ...] = ("Agree", "Partially agree", "Do not agree")


@dataclass(frozen=True)
class CardCommitment:
    area: str  # the area's key: it chooses the picture
    area_title: str
    words: str


@dataclass(frozen=True)
class CommitmentCardData:
    """A man's take-home card: his commitments in large type, a picture for each area."""

    group_code: str
    man_code: str
    man_name: str
    commitments: tuple[CardCommitment, ...]
    next_step: str = ""


@dataclass(frozen=True)
class CheckInLine:
    code: str
    name: str
    area_title: str
    words: str
    latest: str  # the latest check-in, in words, or ""


@dataclass(frozen=True)
class CheckInSheetData:
    """The facilitator's sheet for checking in on every commitment at the later sessions."""

    group_code: str
    group_name: str
    lines: tuple[CheckInLine, ...]
    sessions: tuple[int, ...]  # the sessions after the commitments session, one column each
