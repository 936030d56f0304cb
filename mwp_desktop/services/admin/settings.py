"""Office settings with typed defaults, stored as JSON in the settings table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import ValidationError
from ...models import Setting
from ..actor import Actor
from ..permissions import require
from . import audit


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    label: str


SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("organisation_name", "Lady Ellen Women's Aid Foundation", "Organisation name"),
        SettingSpec("organisation_short_name", "LEWAF", "Short name"),
        SettingSpec("organisation_logo", "", "Logo file"),
        SettingSpec("program_name", "Men and Women in Partnership", "Program name"),
        SettingSpec("signatory_1_name", "", "First signatory's name"),
        SettingSpec("signatory_1_title", "Executive Director", "First signatory's title"),
        SettingSpec("signatory_2_name", "", "Second signatory's name"),
        SettingSpec("signatory_2_title", "Program Coordinator", "Second signatory's title"),
        # Share of the curriculum's sessions attended (present or late) to complete.
        SettingSpec("completion_share", 0.75, "Completion rule (share of sessions attended)"),
        SettingSpec("follow_up_absences", 2, "Consecutive absences before a follow-up call"),
        SettingSpec("attendance_lock_days", 0, "Lock attendance after this many days (0 = never)"),
        # The office's targets, drawn on the dashboard as lines and as the headline's colours.
        SettingSpec("target_attendance", 0.8, "Target: attendance (share present or late)"),
        SettingSpec("target_completion", 0.8, "Target: completion (share of finishers)"),
        SettingSpec("paper_size", "A4", "Paper size (A4 or Letter)"),
        SettingSpec("sign_in_phones", False, "Print phone numbers on sign-in sheets"),
        SettingSpec("certificate_attendance", False, "Print sessions attended on certificates"),
        SettingSpec("certificate_cream", True, "Print certificates on a cream page"),
        SettingSpec("idle_lock_minutes", 15, "Lock the window after this many idle minutes"),
        # Below it, a theme could point to the few women who were there (issue 18).
        SettingSpec(
            "women_feedback_threshold",
            5,
            "Women present before their themes reach the men's facilitator",
        ),  # fmt: skip
    )
}


def get_setting(session: Session, key: str) -> Any:
    spec = SETTINGS[key]
    row = session.scalars(select(Setting).where(Setting.key == key)).first()
    if row is None:
        return spec.default
    try:
        value = json.loads(row.value)
    except ValueError:
        return spec.default
    return value if isinstance(value, type(spec.default)) or value is None else spec.default


def all_settings(session: Session) -> dict[str, Any]:
    stored = {row.key: row.value for row in session.scalars(select(Setting))}
    values = {}
    for key, spec in SETTINGS.items():
        try:
            values[key] = json.loads(stored[key]) if key in stored else spec.default
        except ValueError:
            values[key] = spec.default
    return values


def set_setting(session: Session, actor: Actor, key: str, value: Any) -> None:
    require(actor, "settings")
    if key not in SETTINGS:
        raise ValidationError({key: "is not a setting this program knows"})
    spec = SETTINGS[key]
    if isinstance(spec.default, float) and isinstance(value, int):
        value = float(value)
    if not isinstance(value, type(spec.default)):
        raise ValidationError({key: f"must be {type(spec.default).__name__}"})
    row = session.scalars(select(Setting).where(Setting.key == key)).first()
    old = get_setting(session, key)
    if row is None:
        row = Setting(key=key, value="")
        session.add(row)
    row.value = json.dumps(value)
    session.flush()
    audit.record(session, actor, "update", "setting", row.id, before={key: old}, after={key: value})
