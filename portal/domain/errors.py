"""The errors services raise. The UI shows their message; `field` puts it next to a form field.

A message is an English format string (a catalogue msgid) and its parameters, so the UI can show
it in the reader's language: `Invalid("Use at least {n} characters.", field="password", n=8)`.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule refused the request; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None, **params: Any):
        self.template = message
        self.params = params
        self.field = field
        self.message = message.format(**_in_locale(params, "en")) if params else message
        super().__init__(self.message)

    def localized(self, locale: str) -> str:
        from portal.i18n import gettext

        text = gettext(self.template, locale)
        return text.format(**_in_locale(self.params, locale)) if self.params else text


def _in_locale(params: dict[str, Any], locale: str) -> dict[str, Any]:
    """A date parameter is written the reader's way ("22 Dec 2026", "2026年12月22日")."""
    from datetime import date

    from portal.domain.timefmt import format_date

    return {k: format_date(v, locale) if isinstance(v, date) else v for k, v in params.items()}


class NotFound(DomainError):
    """The object does not exist, or the actor may not know that it does."""


class Forbidden(DomainError):
    """The actor's role or scope does not allow this."""


class Conflict(DomainError):
    """The object's state, or a concurrent change, does not allow this now."""


class Invalid(DomainError):
    """The input is malformed or breaks a rule about values."""
