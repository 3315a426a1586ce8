"""The errors services raise. The UI shows their message; `field` puts it next to a form field."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the request; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The object does not exist, or the actor may not know that it does."""


class Forbidden(DomainError):
    """The actor's role or scope does not allow this."""


class Conflict(DomainError):
    """The object's state, or a concurrent change, does not allow this now."""


class Invalid(DomainError):
    """The input is malformed or breaks a rule about values."""
