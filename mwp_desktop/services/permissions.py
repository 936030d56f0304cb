"""What each role may do. Checked in services, whichever way an action is called.

Views may hide what a role cannot do, but the service refuses it anyway.
"""

from __future__ import annotations

from ..errors import PermissionDenied
from .actor import Actor

ROLE_TITLES = {
    "admin": "Administrator",
    "supervisor": "Supervisor",
    "staff": "Office staff",
    "facilitator": "Facilitator",
}

# action -> roles allowed. Keep actions coarse and named by what the user does.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset({"admin", "supervisor", "staff", "facilitator"}),
    "print": frozenset({"admin", "supervisor", "staff", "facilitator"}),
    "register": frozenset({"admin", "supervisor", "staff"}),  # communities, groups, participants
    "import": frozenset({"admin", "supervisor", "staff"}),
    "export": frozenset({"admin", "supervisor", "staff"}),
    "schedule": frozenset({"admin", "supervisor", "staff"}),
    "attendance": frozenset({"admin", "supervisor", "staff"}),
    "correct_locked": frozenset({"admin", "supervisor"}),  # attendance past the lock
    "certificate_override": frozenset({"admin", "supervisor"}),
    "curriculum": frozenset({"admin", "supervisor"}),
    "settings": frozenset({"admin", "supervisor"}),
    "audit_view": frozenset({"admin", "supervisor"}),
    "users": frozenset({"admin"}),
    "backup": frozenset({"admin", "supervisor", "staff"}),
    "restore": frozenset({"admin"}),
    # Attitude surveys: office staff type the answers; only supervisors and administrators read
    # a man's answers and scores back (facilitators see their groups' summaries, through "view").
    "survey_entry": frozenset({"admin", "supervisor", "staff"}),
    "survey_answers": frozenset({"admin", "supervisor"}),
    "survey_instruments": frozenset({"admin"}),
    # Safeguarding concerns: office staff record them and see their own (services/sessions/
    # concerns.py); only supervisors and administrators read every one.
    "concerns": frozenset({"admin", "supervisor", "staff"}),
    "concerns_all": frozenset({"admin", "supervisor"}),
    # What women raised at their dialogue sessions: typed from the facilitator's paper like the
    # register; the report across communities is the supervisors'.
    "women_feedback": frozenset({"admin", "supervisor", "staff"}),
    "feedback_report": frozenset({"admin", "supervisor"}),
}

ACTION_WORDS = {
    "view": "view records",
    "print": "print documents",
    "register": "register or change groups and participants",
    "import": "import participant lists",
    "export": "export data",
    "schedule": "change meeting schedules",
    "attendance": "record attendance",
    "correct_locked": "correct locked attendance",
    "certificate_override": "override the certificate rule",
    "curriculum": "edit curricula",
    "settings": "change settings",
    "audit_view": "read the audit trail",
    "users": "manage users",
    "backup": "make backups",
    "restore": "restore a backup",
    "survey_entry": "enter survey answers",
    "survey_answers": "see individual survey answers and scores",
    "survey_instruments": "change survey instruments",
    "concerns": "record or read safeguarding concerns",
    "concerns_all": "read every safeguarding concern",
    "women_feedback": "record women's feedback",
    "feedback_report": "read the report of women's feedback",
}


def allowed(actor: Actor, action: str) -> bool:
    return actor.role in PERMISSIONS[action]


def refusal(actor: Actor, action: str) -> str:
    """Why this role may not: the sentence a refused service gives."""
    title = ROLE_TITLES.get(actor.role, actor.role)
    return f"{title} accounts cannot {ACTION_WORDS[action]}."


def who_may(action: str) -> str:
    """The roles that may, in words: "Office staff, supervisors and administrators can."."""
    plural = {"admin": "administrators", "supervisor": "supervisors", "staff": "office staff",
              "facilitator": "facilitators"}  # fmt: skip
    roles = [plural[role] for role in ("staff", "supervisor", "admin", "facilitator")
             if role in PERMISSIONS[action]]  # fmt: skip
    words = roles[0] if len(roles) == 1 else f"{', '.join(roles[:-1])} and {roles[-1]}"
    return f"{words[0].upper()}{words[1:]} can."


def require(actor: Actor, action: str) -> None:
    if not allowed(actor, action):
        raise PermissionDenied(refusal(actor, action))
