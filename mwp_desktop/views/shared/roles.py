"""Buttons a role cannot use say why, instead of doing nothing or simply greying out.

The services refuse anyway (services/permissions.py); this is what the window shows first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from ...services.actor import Actor
from ...services.permissions import allowed, refusal, who_may

_OWN_TIP = "_tip_when_allowed"


def offer(button: QAbstractButton, actor: Actor, action: str, available: bool = True) -> None:
    """Enable `button` when the role may do `action` and it applies now (`available`). When
    the role may not, the button is disabled and its tooltip says so and who can."""
    if button.property(_OWN_TIP) is None:
        button.setProperty(_OWN_TIP, button.toolTip())
    if allowed(actor, action):
        button.setEnabled(available)
        button.setToolTip(button.property(_OWN_TIP))
    else:
        button.setEnabled(False)
        button.setToolTip(f"{refusal(actor, action)} {who_may(action)}")
