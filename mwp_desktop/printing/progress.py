"""Progress and cancelling for long documents (a thousand certificates, a week of sheets)."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import UserError

# Called as progress(done, total); returning False asks the drawing to stop.
Progress = Callable[[int, int], bool]


class PrintCancelled(UserError):
    """The user stopped a batch; nothing was written."""

    def __init__(self, message: str = "Printing was cancelled; no file was written."):
        super().__init__(message)


def keep_going(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise PrintCancelled()
