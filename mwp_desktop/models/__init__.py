"""The data model: SQLAlchemy 2 typed tables, and how a database is opened and migrated.

Qt-free. Import the entities from here; `Base.metadata` holds every table.
"""

from .accountability import (
    CHECK_IN_PROGRESS,
    COMMITMENT_AREAS,
    FEEDBACK_THEMES,
    Commitment,
    CommitmentCheckIn,
    WomenFeedback,
)
from .admin import AUDIT_ACTIONS, ROLES, AuditEvent, CertificateIssue, Setting, User
from .base import Base, new_uuid
from .curriculum import GROUP_KINDS, Curriculum, CurriculumSession
from .groups import ENROLLMENT_STATUSES, GROUP_STATUSES, MEMBER_STATUSES, Enrollment, Group
from .meetings import ATTENDANCE_STATUSES, MEETING_STATUSES, Attendance, ClosedDay, Meeting
from .registry import SEXES, Community, Facilitator, Participant
from .safeguarding import (
    CONCERN_KINDS,
    CONCERN_STATUSES,
    REFERRAL_KINDS,
    ReferralService,
    SafeguardingConcern,
)
from .surveys import (
    CONSENT_CHOICES,
    ROUND_KINDS,
    SurveyAnswer,
    SurveyInstrument,
    SurveyResponse,
    SurveyRound,
)

# Keep each meeting's mark counts as attendance changes, and each group's member count and
# sessions held as enrolments and meetings change (ORM events); imported for that.
from . import stored_counts  # noqa: E402, F401  isort: skip

# Keep each participant's name words, which the name search reads, as names come and change.
from .name_words import NameWord  # noqa: E402  isort: skip

# Chain each new audit event to the one before it as it is flushed (a Session event).
from . import audit_chain  # noqa: E402, F401  isort: skip

__all__ = [
    "ATTENDANCE_STATUSES",
    "CONSENT_CHOICES",
    "AUDIT_ACTIONS",
    "CHECK_IN_PROGRESS",
    "COMMITMENT_AREAS",
    "CONCERN_KINDS",
    "CONCERN_STATUSES",
    "ENROLLMENT_STATUSES",
    "FEEDBACK_THEMES",
    "GROUP_KINDS",
    "GROUP_STATUSES",
    "MEETING_STATUSES",
    "MEMBER_STATUSES",
    "ROUND_KINDS",
    "REFERRAL_KINDS",
    "ROLES",
    "SEXES",
    "Attendance",
    "AuditEvent",
    "Base",
    "CertificateIssue",
    "Commitment",
    "CommitmentCheckIn",
    "ClosedDay",
    "Community",
    "Curriculum",
    "CurriculumSession",
    "Enrollment",
    "Facilitator",
    "Group",
    "Meeting",
    "NameWord",
    "Participant",
    "ReferralService",
    "SafeguardingConcern",
    "Setting",
    "SurveyAnswer",
    "SurveyInstrument",
    "SurveyResponse",
    "SurveyRound",
    "User",
    "WomenFeedback",
    "new_uuid",
]
