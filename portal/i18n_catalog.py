"""Keeping the catalogues complete: extract every message from the code and merge it into
each language's .po file (`make messages`). The unit tests use the same extraction."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from portal.i18n import DEFAULT_LOCALE, EXTRACT_KEYWORDS, SUPPORTED_LOCALES, catalogue_path

PACKAGE_DIR = Path(__file__).parent
# Fixed so that regenerating a catalogue changes only its messages.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def extract_messages() -> dict[str, list[str]]:
    """Every message in the package, with where it is used."""
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE_DIR), method_map=[("**.py", "python")], keywords=EXTRACT_KEYWORDS
    ):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            found.setdefault(message, []).append(f"portal/{filename}:{lineno}")
    return found


def update_catalogues() -> dict[str, int]:
    """Add new messages (untranslated) to every catalogue; drop ones no longer used."""
    messages = extract_messages()
    missing: dict[str, int] = {}
    for tag in SUPPORTED_LOCALES:
        if tag == DEFAULT_LOCALE:
            continue
        path = catalogue_path(tag)
        old = read_po(path.open("rb")) if path.exists() and path.stat().st_size else Catalog()
        new = Catalog(locale=SUPPORTED_LOCALES[tag], project="Event Portal", version="1",
                      fuzzy=False, creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                      copyright_holder="Event Portal", msgid_bugs_address="")
        for message, where in sorted(messages.items()):
            previous = old.get(message)
            new.add(message, previous.string if previous else "",
                    locations=[(w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])) for w in where])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, new, width=100, sort_output=True, include_lineno=False)
        missing[tag] = sum(1 for m in new if m.id and not m.string)
    return missing


if __name__ == "__main__":
    for tag, count in update_catalogues().items():
        print(f"{tag}: {count} messages without a translation")
