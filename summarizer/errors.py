"""One family of user-facing errors, caught once at the CLI boundary and printed as a single line."""

from __future__ import annotations


class SummarizerError(Exception):
    """An error meant for the user: the message says what went wrong and, where known, which file."""

    exit_code = 1


class InputError(SummarizerError):
    """Bad input (missing path, empty, binary, undecodable, no articles). Exit code 2."""

    exit_code = 2

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)


class ConfigError(SummarizerError):
    """Bad options or configuration (unknown prompt version, missing model file). Exit code 2."""

    exit_code = 2


class ModelError(SummarizerError):
    """The model could not produce a valid result within the retry budget, or the backend failed."""

    exit_code = 1
