"""The survey grid's keyboard: 1 2 3 (or A P D) answer, X or 0 marks "refused / don't know",
Delete clears; on the consent column Y records consent and N a refusal.

As fast as the register: one key per statement, and the cursor moves on to the next statement
(the next man's first at the end of a row), as the paper questionnaire is read across."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

ANSWER_KEYS = {
    Qt.Key_1: 1, Qt.Key_A: 1,
    Qt.Key_2: 2, Qt.Key_P: 2,
    Qt.Key_3: 3, Qt.Key_D: 3,
}  # fmt: skip
MISSING_KEYS = (Qt.Key_X, Qt.Key_0)
CONSENT_KEYS = {Qt.Key_Y: "given", Qt.Key_N: "refused"}
LEGEND = (
    "<b>1</b>/<b>A</b> Agree · <b>2</b>/<b>P</b> Partially agree · <b>3</b>/<b>D</b> Do not agree"
    " · <b>X</b>/<b>0</b> refused or don't know · <b>Delete</b> clear · on Consent: <b>Y</b> yes,"
    " <b>N</b> refused · each answer is saved at once"
)


def survey_action(event: QKeyEvent) -> tuple[str, object] | None:
    """("answer", code or None), ("consent", "given"/"refused"), ("clear", None), or None for
    keys that are not about answers (arrows, Tab …)."""
    modifiers = event.modifiers() & ~Qt.KeypadModifier
    if modifiers not in (Qt.NoModifier, Qt.ShiftModifier):
        return None
    key = event.key()
    if key in ANSWER_KEYS:
        return ("answer", ANSWER_KEYS[key])
    if key in MISSING_KEYS:
        return ("answer", None)
    if key in CONSENT_KEYS:
        return ("consent", CONSENT_KEYS[key])
    if key in (Qt.Key_Delete, Qt.Key_Backspace):
        return ("clear", None)
    return None
