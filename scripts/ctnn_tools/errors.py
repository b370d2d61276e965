"""The one exception users see: a one-line, actionable message."""

from __future__ import annotations


class CtnnError(Exception):
    """A refusal or failure reported to the user as one line, exit code 1
    (2 for usage errors). Never shown with a traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    @property
    def message(self) -> str:
        return " ".join(str(self).split())  # one line, always
