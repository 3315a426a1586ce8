"""Typed commands from what a client submitted.

Services take typed command models (pydantic) whose validators raise `Invalid(field=...)`.
`parse_command` builds one from a submitted form (a client may send anything: missing keys,
lists, huge strings) and turns pydantic's own type errors into `Invalid` naming the field,
with a message in the catalogue, so the page shows it beside that field in the reader's
language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from portal.domain.errors import Invalid
from portal.i18n import N_

M = TypeVar("M", bound=BaseModel)
MAX_TEXT = 20_000

_MESSAGES = {
    "missing": N_("This field is required."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "int_from_float": N_("Enter a whole number."),
    "float_parsing": N_("Enter a number."),
    "bool_parsing": N_("Choose yes or no."),
    "date_parsing": N_("Enter a date."),
    "date_from_datetime_parsing": N_("Enter a date."),
    "datetime_parsing": N_("Enter a date and time."),
    "datetime_from_date_parsing": N_("Enter a date and time."),
    "enum": N_("Choose one of the options."),
    "literal_error": N_("Choose one of the options."),
    "string_too_long": N_("This is too long."),
    "string_too_short": N_("This field is required."),
    "too_long": N_("Too many entries."),
    "greater_than_equal": N_("This number is too small."),
    "greater_than": N_("This number is too small."),
    "less_than_equal": N_("This number is too large."),
    "less_than": N_("This number is too large."),
}
FALLBACK = N_("This value is not valid.")


def invalid_from(error: ValidationError) -> Invalid:
    """The first problem pydantic found, as an `Invalid` that names its field."""
    problems = error.errors()
    if not problems:
        return Invalid(FALLBACK)
    first = problems[0]
    field = str(first["loc"][0]) if first.get("loc") else None
    return Invalid(_MESSAGES.get(first.get("type", ""), FALLBACK), field=field)


def form_values(form: Any, keys: Iterable[str], *, limit: int = MAX_TEXT) -> dict[str, str]:
    """The named text fields of a submitted form, each a string cut to `limit`; anything
    that is not a mapping counts as an empty form."""
    data = form if isinstance(form, Mapping) else {}
    return {key: _text(data.get(key), limit) for key in keys}


def _text(value: Any, limit: int) -> str:
    if value is None or isinstance(value, (list, dict, tuple, set)):
        return ""
    return str(value).replace("\x00", "")[:limit]  # NUL is no text (PostgreSQL refuses it)


def parse_command(model: type[M], form: Any, **extra: Any) -> M:
    """A typed command from a submitted form: only the model's own fields are read (as text,
    cut to a sane length), `extra` values are set by the server, and any type error raises
    `Invalid(field=...)`."""
    keys = [name for name in model.model_fields if name not in extra]
    # An empty field counts as not given: the model's default, or "This field is required."
    raw: dict[str, Any] = {k: v for k, v in form_values(form, keys).items() if v.strip()}
    try:
        return model(**raw, **extra)
    except ValidationError as error:
        raise invalid_from(error) from None
