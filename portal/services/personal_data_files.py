"""The personal-data download as one zip: the machine-readable JSON, a readable summary in
each language of the platform, and the files the person uploaded as answers."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from portal.domain import labels
from portal.domain.clock import utcnow
from portal.i18n import N_, SUPPORTED_LOCALES, gettext
from portal.services.files import FileStore
from portal.services.personal_data import PersonalData

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "personal_data"
_env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                   autoescape=select_autoescape(enabled_extensions=("html",)))

LABELS = {
    "title": N_("Your data on the event platform"),
    "intro": N_("Everything the platform holds about you. The file personal-data.json in this "
                "download has the same data in full, for other programs."),
    "generated": N_("Made on"),
    "none": N_("Nothing here."),
}
# section key in the JSON: (title, [(column title, field)])
SECTIONS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "registrations": (N_("Registrations"), [(N_("Event"), "event.name"),
                                            (N_("Status"), "status"),
                                            (N_("Ticket"), "ticket_code"),
                                            (N_("Registered on"), "created_at")]),
    "payments": (N_("Payments"), [(N_("Reference"), "reference"), (N_("Method"), "method"),
                                  (N_("Status"), "status"), (N_("Amount"), "amount"),
                                  (N_("Date"), "created_at")]),
    "refunds": (N_("Refunds"), [(N_("Status"), "status"), (N_("Amount"), "amount"),
                                (N_("Reason"), "reason"), (N_("Date"), "created_at")]),
    "complaints": (N_("Complaints you filed"), [(N_("Reference"), "reference"),
                                                (N_("Title"), "title"),
                                                (N_("Status"), "status"),
                                                (N_("Received"), "received_at")]),
    "ratings": (N_("Ratings"), [(N_("Stars"), "stars"), (N_("Comment"), "comment"),
                                (N_("Date"), "created_at")]),
    "inbox": (N_("Inbox"), [(N_("Title"), "title"), (N_("Date"), "created_at")]),
    "emails": (N_("Emails sent to you"), [(N_("Subject"), "subject"), (N_("Status"), "status"),
                                          (N_("Date"), "created_at")]),
    "sessions": (N_("Sign-in sessions"), [(N_("Started"), "created_at"),
                                          (N_("Last seen"), "last_seen_at"),
                                          (N_("Address"), "ip"),
                                          (N_("Browser"), "user_agent")]),
    "organizer_memberships": (N_("Organizer memberships"), [(N_("Organizer"), "organizer"),
                                                            (N_("Role"), "role")]),
    "audit": (N_("Actions on record"), [(N_("When"), "at"), (N_("Action"), "action"),
                                        (N_("By"), "by")]),
}
# Coded values shown by their label in the reader's language (the JSON keeps the codes).
CODED: dict[tuple[str, str], dict] = {
    ("registrations", "status"): labels.REGISTRATION_STATUS,
    ("payments", "status"): labels.PAYMENT_STATUS, ("payments", "method"): labels.PAYMENT_METHOD,
    ("refunds", "status"): labels.REFUND_STATUS, ("complaints", "status"): labels.COMPLAINT_STATUS,
    ("audit", "action"): labels.AUDIT_ACTION,
    ("audit", "by"): {"you": N_("You"), "system": N_("The platform"),
                      "platform staff or organizer": N_("Staff or an organizer")},
}
ACCOUNT = [(N_("Full name"), "name"), (N_("Email"), "email"), (N_("Phone"), "phone"),
           (N_("Date of birth"), "date_of_birth"), (N_("Account created"), "created_at")]


def _shown(section: str, entry: dict[str, Any], path: str, locale: str) -> str:
    text = _cell(entry, path)
    coded = CODED.get((section, path), {})
    return gettext(coded[text], locale) if text in coded else text


def _cell(entry: dict[str, Any], path: str) -> str:
    if path == "amount":
        return f"{entry['amount_minor'] / 100:.2f} {entry['currency']}"
    value: Any = entry
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    text = "" if value is None else str(value)
    return text.replace("T", " ")[:16] if path.endswith(("_at", "at")) and text else text


def summary_html(data: dict[str, Any], locale: str) -> str:
    """The readable summary in one language."""
    account = data["account"]
    sections = [{"title": gettext(N_("Account"), locale),
                 "headings": [gettext(label, locale) for label, _ in ACCOUNT],
                 "rows": [[_cell(account, path) for _, path in ACCOUNT]]}]
    for key, (title, columns) in SECTIONS.items():
        sections.append({"title": gettext(title, locale),
                         "headings": [gettext(label, locale) for label, _ in columns],
                         "rows": [[_shown(key, entry, path, locale) for _, path in columns]
                                  for entry in data[key]]})
    return _env.get_template("summary.html").render(
        lang=locale, l={key: gettext(text, locale) for key, text in LABELS.items()},
        generated=utcnow().strftime("%Y-%m-%d %H:%M UTC"), sections=sections)


def export_zip(found: PersonalData, store: FileStore) -> bytes:
    """One archive: personal-data.json, summary-<language>.html, files/… (answers)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json",
                         json.dumps(found.data, ensure_ascii=False, indent=2, default=str))
        for locale in SUPPORTED_LOCALES:
            archive.writestr(f"summary-{locale}.html", summary_html(found.data, locale))
        for item in found.files:
            try:
                archive.writestr(item.name, store.read(item.storage_key))
            except OSError:  # lost from the store, or under a key no longer configured
                continue  # the JSON still names it; the rest of the download goes out
    return buffer.getvalue()
