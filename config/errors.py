"""The one error a bad setting raises, so start-up can print it as a single line."""

from __future__ import annotations


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable.

    Start-up prints ``str(error)`` and stops: the person fixing the deployment needs the
    variable's name and what is wrong with it, never a traceback or a validation dump.
    """

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"setting {name}: {problem}")
        self.name = name
