"""An event as reviewers saw it: a comparable snapshot of every field, fee and question, and the
differences between two snapshots as lines people read in their own language (money and times
formatted, kinds named)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session

from portal.domain import labels
from portal.domain.enums import EventFormat, FeeKind, QuestionKind
from portal.domain.models import Event, FeeItem
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import N_, gettext
from portal.services.event_form import MOMENTS, TEXT_LIMITS
from portal.services.event_questions import active_questions

FIELD_NAMES = {
    "name": N_("Name"), "summary": N_("Summary"), "description": N_("Description"),
    "category": N_("Category"), "format": N_("Format"), "starts_at": N_("Starts"),
    "ends_at": N_("Ends"), "time_zone": N_("Time zone"), "venue_address": N_("Venue"),
    "city": N_("City"), "join_link": N_("Online link"), "capacity": N_("Capacity"),
    "registration_opens_at": N_("Registration opens"),
    "registration_closes_at": N_("Registration closes"), "guide_process": N_("Process"),
    "guide_bring": N_("What to bring"), "guide_notes": N_("Notes"),
    "min_age": N_("Minimum age"), "max_age": N_("Maximum age"),
    "required_qualification": N_("Required qualification"),
    "refund_full_days": N_("Full refund until (days before)"),
    "refund_partial_days": N_("Partial refund until (days before)"),
    "refund_partial_percent": N_("Partial refund (%)"), "safety_risks": N_("Risks"),
    "safety_measures": N_("Measures"), "emergency_contact": N_("Emergency contact"),
    "emergency_plan": N_("Emergency plan"), "fees": N_("Fees"),
    "questions": N_("Registration questions"),
    "requires_approval": N_("Registrations need approval"),
}
# Keys added to snapshots later: a snapshot written before has them at this value.
SNAPSHOT_DEFAULTS: dict[str, Any] = {"requires_approval": False}
CHANGE_LINE = N_("{label}: {before} → {after}")
QUESTION_ADDED = N_("New registration question")
QUESTION_EDITED = N_("Registration question changed")
QUESTION_REMOVED = N_("Registration question removed")
NEW_REGISTRATIONS_ONLY = N_("required of new registrations only")
ANSWERS_KEPT = N_("hidden from new registrations; answers already given are kept")
LONG_TEXT = 200  # longer texts are cut in change lines; the event page has them in full


class FieldChange(BaseModel):
    """One field that differs, ready to show: its name and both values in one language."""

    field: str  # the snapshot key, e.g. "starts_at"
    label: str
    before: str
    after: str
    line: str  # "label: before → after", punctuated for the language


def fee_entry(kind: str, label: str, amount_minor: int, mandatory: bool) -> dict[str, Any]:
    return {"kind": kind, "label": label, "amount_minor": amount_minor, "mandatory": mandatory}


def question_entry(id: int | None, kind: str, label: str, required: bool,  # noqa: A002
                   options: list[str] | None) -> dict[str, Any]:
    """A question in a snapshot; its id tells an edited question from a new one."""
    return {"id": id, "kind": kind, "label": label, "required": required,
            "options": list(options or [])}


def snapshot(session: Session, event: Event) -> dict[str, Any]:
    """What reviewers approve: every field, fee and question, comparable with a later version
    and stored as JSON."""
    data: dict[str, Any] = {column: getattr(event, column) for column in TEXT_LIMITS}
    for column in ("category", "format", "capacity", "min_age", "max_age", "time_zone",
                   "refund_full_days", "refund_partial_days", "refund_partial_percent",
                   "requires_approval"):
        data[column] = getattr(event, column)
    for column in MOMENTS:
        data[column] = getattr(event, column).isoformat()
    data["fees"] = [fee_entry(f.kind, f.label, f.amount_minor, f.mandatory)
                    for (f,) in session.exec(select(FeeItem).where(FeeItem.event_id == event.id)
                                             .order_by(FeeItem.position, FeeItem.id))]
    data["questions"] = [question_entry(q.id, q.kind, q.label, q.required, q.options)
                         for q in active_questions(session, event.id)]
    return {k: v if isinstance(v, (str, int, list)) or v is None else str(v)
            for k, v in data.items()}


def _without_ids(entries: Any) -> Any:
    if not isinstance(entries, list):
        return entries
    return [{k: v for k, v in e.items() if k != "id"} if isinstance(e, dict) else e
            for e in entries]


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Keys whose values differ; questions are compared by what they ask, not by row id."""
    return [key for key, value in after.items()
            if (_without_ids(before.get(key)) != _without_ids(value) if key == "questions"
                else before.get(key, SNAPSHOT_DEFAULTS.get(key)) != value)]


def _fee(entry: Any, currency: str, locale: str) -> str:
    if not isinstance(entry, dict):  # snapshots taken before fees were stored as items
        return str(entry)
    name = entry["label"]
    if entry["kind"] != FeeKind.CUSTOM and entry["kind"] in set(FeeKind):
        name = gettext(labels.FEE_KIND[FeeKind(entry["kind"])], locale)
    text = f"{name} {Money(currency, entry['amount_minor']).format(locale)}"
    return text if entry["mandatory"] else f"{text} ({gettext('optional', locale)})"


def _question(entry: Any, locale: str) -> str:
    if not isinstance(entry, dict):
        return str(entry)
    kind = entry["kind"]
    text = f"{entry['label']} ({gettext(labels.QUESTION_KIND[QuestionKind(kind)], locale)}" \
        if kind in set(QuestionKind) else f"{entry['label']} ({kind}"
    if entry.get("required"):
        text += f", {gettext('required', locale)}"
    options = " / ".join(entry.get("options") or [])
    return f"{text})" + (f": {options}" if options else "")


def _identified(entries: Any) -> bool:
    """Snapshots taken before questions carried their id are compared as a whole."""
    return isinstance(entries, list) and all(isinstance(e, dict) and "id" in e for e in entries)


def _line(field: str, label: str, before: str, after: str, locale: str) -> FieldChange:
    parts = {"label": label, "before": before, "after": after}
    return FieldChange(field=field, line=gettext(CHANGE_LINE, locale).format(**parts), **parts)


def question_changes(before: list[dict], after: list[dict], locale: str) -> list[FieldChange]:
    """One line per question added, edited or removed, matched by identity; a question that
    now binds registrants says that it binds new registrations only."""
    old = {e["id"]: e for e in before if e["id"] is not None}
    lines = []
    for entry in after:
        previous = old.pop(entry["id"], None) if entry["id"] is not None else None
        shown = _question(entry, locale)
        if entry["required"] and not (previous and previous["required"]):
            shown += f" — {gettext(NEW_REGISTRATIONS_ONLY, locale)}"
        if previous is None:
            lines.append(_line("questions", gettext(QUESTION_ADDED, locale), "—", shown,
                               locale))
        elif {**previous, "id": None} != {**entry, "id": None}:
            lines.append(_line("questions", gettext(QUESTION_EDITED, locale),
                               _question(previous, locale), shown, locale))
    for entry in old.values():
        lines.append(_line("questions", gettext(QUESTION_REMOVED, locale),
                           _question(entry, locale), gettext(ANSWERS_KEPT, locale), locale))
    kept_before = [e["id"] for e in before if any(a["id"] == e["id"] for a in after)]
    kept_after = [e["id"] for e in after if e["id"] in kept_before]
    if kept_before != kept_after:  # the order changed
        name = gettext(FIELD_NAMES["questions"], locale)
        lines.append(_line("questions", name, readable("questions", before, **_plain(locale)),
                           readable("questions", after, **_plain(locale)), locale))
    return lines


def _plain(locale: str) -> dict[str, str]:
    return {"time_zone": "UTC", "currency": "", "locale": locale}


def readable(field: str, value: Any, *, time_zone: str, currency: str, locale: str) -> str:
    """One snapshot value as its reader reads it."""
    if value is None or value == "" or value == []:
        return "—"
    if field in MOMENTS and isinstance(value, str):
        try:
            return f"{format_datetime(datetime.fromisoformat(value), time_zone, locale)} " \
                   f"({time_zone})"
        except ValueError:
            return value
    if isinstance(value, bool):
        return gettext(N_("Yes") if value else N_("No"), locale)
    if field == "fees":
        return "; ".join(_fee(entry, currency, locale) for entry in value)
    if field == "questions":
        return "; ".join(_question(entry, locale) for entry in value)
    if field == "category" and value in labels.EVENT_CATEGORY:
        return gettext(labels.EVENT_CATEGORY[value], locale)
    if field == "format" and value in set(EventFormat):
        return gettext(labels.EVENT_FORMAT[EventFormat(value)], locale)
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[:LONG_TEXT].rstrip() + "…"


def describe_changes(before: dict[str, Any] | None, after: dict[str, Any], *, time_zone: str,
                     currency: str, locale: str = "en") -> list[FieldChange]:
    """What differs between two snapshots, in one language; nothing when there is no
    earlier version to compare with."""
    if not before:
        return []
    shown = {"time_zone": time_zone, "currency": currency, "locale": locale}
    changes = []
    for key in changed_fields(before, after):
        if key == "questions" and _identified(before.get(key)) and _identified(after.get(key)):
            changes.extend(question_changes(before[key], after[key], locale))
            continue
        parts = {"label": gettext(FIELD_NAMES.get(key, key), locale),
                 "before": readable(key, before.get(key), **shown),
                 "after": readable(key, after.get(key), **shown)}
        changes.append(FieldChange(field=key, line=gettext(CHANGE_LINE, locale).format(**parts),
                                   **parts))
    return changes


def changes_since(session: Session, event: Event, earlier: dict[str, Any] | None,
                  locale: str = "en") -> list[FieldChange]:
    """How the event now differs from an earlier snapshot of it."""
    if not earlier:
        return []
    return describe_changes(earlier, snapshot(session, event), time_zone=event.time_zone,
                            currency=event.currency, locale=locale)
