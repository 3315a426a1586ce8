"""Message catalogues (gettext .po files read with Babel), shared by the UI and the server.

The UI looks every message up at compile time and ships all languages to the browser; the server
uses `gettext` with the user's stored locale for toasts, emails and exports.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LOCALE = "en"
# Browser-facing tags (BCP 47) and the Babel identifiers of their catalogues.
SUPPORTED_LOCALES: dict[str, str] = {"en": "en", "zh-Hans": "zh_Hans"}
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh-Hans": "简体中文"}


def normalize_locale(value: object) -> str:
    """A supported locale tag for anything a client sends; unknown values fall back to English."""
    if isinstance(value, str):
        for tag in SUPPORTED_LOCALES:
            if value.strip().lower() == tag.lower():
                return tag
    return DEFAULT_LOCALE


def babel_locale(tag: str) -> Locale:
    return Locale.parse(SUPPORTED_LOCALES[normalize_locale(tag)])


def catalogue_path(tag: str) -> Path:
    return LOCALE_DIR / SUPPORTED_LOCALES[tag] / "LC_MESSAGES" / "messages.po"


@cache
def load_catalogue(tag: str) -> Catalog | None:
    if tag == DEFAULT_LOCALE:
        return None
    with catalogue_path(tag).open("rb") as handle:
        return read_po(handle, locale=SUPPORTED_LOCALES[tag])


def gettext(message: str, locale: str = DEFAULT_LOCALE) -> str:
    """The message in `locale`; English (the msgid) when it has no translation yet."""
    catalogue = load_catalogue(normalize_locale(locale))
    if catalogue is None:
        return message
    entry = catalogue.get(message)
    if entry is None or not entry.string or entry.fuzzy:
        return message
    return str(entry.string)


def translations(message: str) -> dict[str, str]:
    """The message in every supported language, as the browser receives it."""
    return {tag: gettext(message, tag) for tag in SUPPORTED_LOCALES}


def N_(message: str) -> str:  # noqa: N802  (the gettext convention)
    """Marks a message for extraction where it is stored, to be translated where it is shown."""
    return message


# Calls whose first argument is a message: `make messages` and the catalogue test extract them.
EXTRACT_KEYWORDS = {
    "t": None, "N_": None, "gettext": None, "_": None,
    "DomainError": None, "NotFound": None, "Forbidden": None, "Conflict": None, "Invalid": None,
}
