"""Errors that are the user's to fix. They carry one plain sentence, shown as is."""


class UserError(Exception):
    """A mistake or a condition the user can act on (bad input, missing file, refused action)."""


class DatabaseOpenError(UserError):
    """The database could not be opened, and nothing in it was changed."""


class NotFound(UserError):
    """A record named by the user (a group code, a session number) does not exist."""


class ValidationError(UserError):
    """Input that cannot be saved. `fields` maps a field name to the reason, for the form."""

    def __init__(self, fields: dict[str, str]):
        self.fields = dict(fields)
        super().__init__("; ".join(f"{name}: {reason}" for name, reason in self.fields.items()))


class PermissionDenied(UserError):
    """The signed-in user's role does not allow this action."""


class ChangedMeanwhile(UserError):
    """Someone else saved the record after this form read it; saving would undo their change."""
