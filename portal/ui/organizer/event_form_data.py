"""What the event editor's form sends: fee and question rows read from the submitted form,
the rows restored from an autosaved copy, and which step of the editor holds each field."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from reflex.vars.base import Var

from portal.i18n import N_
from portal.services.event_form import (
    MAX_FEE_ITEMS,
    MAX_QUESTIONS,
    EventDraft,
    FeeInput,
    QuestionInput,
)

LOCAL = "%Y-%m-%dT%H:%M"
TEXT_AREAS = {"description", "guide_process", "guide_notes", "safety_risks",
              "safety_measures", "emergency_plan"}


def read_fees(form: dict) -> list[FeeInput]:
    fees = []
    for index in range(MAX_FEE_ITEMS + 1):
        if f"fee_kind_{index}" not in form:
            continue
        fees.append(FeeInput(kind=str(form[f"fee_kind_{index}"])[:20],
                             label=str(form.get(f"fee_label_{index}", ""))[:100],
                             amount=str(form.get(f"fee_amount_{index}", ""))[:30],
                             mandatory=form.get(f"fee_mandatory_{index}") in ("on", True)))
    return fees


def read_questions(form: dict) -> list[QuestionInput]:
    questions = []
    for index in range(MAX_QUESTIONS + 1):
        if f"q_kind_{index}" not in form:
            continue
        questions.append(QuestionInput(id=_question_id(form.get(f"q_id_{index}")),
                                       kind=str(form[f"q_kind_{index}"])[:20],
                                       label=str(form.get(f"q_label_{index}", ""))[:250],
                                       required=form.get(f"q_required_{index}") in ("on", True),
                                       options=str(form.get(f"q_options_{index}", ""))[:3000]))
    return questions


def _question_id(value: object) -> int | None:
    """The id of the question a row edits (a hidden field: clients may send anything)."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


# Everything the editor form holds right now, read in the browser when a field loses focus.
FORM_DATA = Var(_js_expr='Object.fromEntries(new FormData(document.getElementById("event-form")))',
                _var_type=dict)


def rows_from(data: dict, prefix: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """Fee or question rows back from a kept form (`fee_kind_3` -> row 3's kind)."""
    indexes = sorted({int(k.rsplit("_", 1)[1]) for k in data
                      if k.startswith(prefix) and k.rsplit("_", 1)[1].isdigit()})
    return [{"idx": str(i), **{f: str(data.get(f"{prefix.rsplit('_', 2)[0]}_{f}_{i}", ""))
                               for f in fields}} for i in indexes]


def with_new_row(rows: list[dict[str, str]], limit: int, blank: dict[str, str]
                 ) -> list[dict[str, str]]:
    """The editor's rows (fees, questions) with one more, numbered after the last."""
    if len(rows) >= limit:
        return rows
    next_index = max((int(row["idx"]) for row in rows), default=-1) + 1
    return [*rows, {"idx": str(next_index), **blank}]


FEE_FIELDS = ("kind", "label", "amount", "mandatory")
QUESTION_FIELDS = ("id", "kind", "label", "required", "options")
CHECKBOXES = ("requires_approval",)

# The editor's steps, in order, and the fields each one holds (a refusal opens its step).
STEPS = (N_("Basics"), N_("Time & place"), N_("Tickets & fees"), N_("Registration form"),
         N_("Eligibility & refunds"), N_("Safety plan"), N_("Review & submit"))
REVIEW = len(STEPS) - 1
STEP_FIELDS = (
    ("name", "category", "summary", "description", "cover"),
    ("starts_at", "ends_at", "time_zone", "format", "venue_address", "city", "join_link",
     "guide_process", "guide_bring", "guide_notes"),
    ("capacity", "registration_opens_at", "registration_closes_at", "fees"),
    ("questions",),
    ("min_age", "max_age", "required_qualification", "requires_approval", "refund_full_days",
     "refund_partial_days", "refund_partial_percent"),
    ("safety_risks", "safety_measures", "emergency_contact", "emergency_plan"),
    ("reason", "cancel_reason"),
)
FIELD_STEP = {name: step for step, names in enumerate(STEP_FIELDS) for name in names}


def step_of(field: str | None, current: int) -> int:
    """The step holding `field` (`fees.2.amount` is on the fees step); else the current one."""
    return FIELD_STEP.get((field or "").split(".")[0], current)


def parse_step(value: object) -> int | None:
    """A step number a client sent (anything), if it is one of ours."""
    text = str(value).strip()
    return int(text) if text.isdigit() and int(text) < len(STEPS) else None


def taken(data: dict) -> tuple[dict[str, str], list[dict[str, str]], list[dict[str, str]]]:
    """The editor's values, fee rows and question rows as the form (or a kept copy) holds them.
    A checkbox left unticked is not in a form's data at all."""
    values = {k: str(v)[:25000] for k, v in data.items() if k in EventDraft.model_fields}
    for name in CHECKBOXES:
        values[name] = "on" if data.get(name) in ("on", "True", True) else ""
    return (values, rows_from(data, "fee_kind_", FEE_FIELDS),
            rows_from(data, "q_kind_", QUESTION_FIELDS))


def updated(rows: list[dict[str, str]], sent: list[dict[str, str]]) -> list[dict[str, str]]:
    """The editor's rows with what the form sent for each (matched by number)."""
    by_number = {row["idx"]: row for row in sent}
    return [{**row, **by_number.get(row["idx"], {})} for row in rows]


def moved(rows: list[dict[str, str]], idx: str, delta: int) -> list[dict[str, str]]:
    """The rows with the one numbered `idx` moved up (-1) or down (+1), numbered afresh in
    their new order (the form sends rows by number)."""
    rows = list(rows)
    at = next((i for i, row in enumerate(rows) if row["idx"] == idx), None)
    if at is not None and 0 <= at + delta < len(rows):
        rows[at], rows[at + delta] = rows[at + delta], rows[at]
    return [{**row, "idx": str(i)} for i, row in enumerate(rows)]


def row_error_key(field: str, fees: list[dict[str, str]]) -> str:
    """Where the editor shows a refusal: `fees.2.amount` (the third fee sent) is shown on that
    row's amount (`fee_amount_<its number>`)."""
    parts = field.split(".")
    if len(parts) == 3 and parts[0] == "fees" and parts[1].isdigit():
        position = int(parts[1])
        if position < len(fees):
            return f"fee_{parts[2]}_{fees[position]['idx']}"
        return "fees"
    return field


@cache
def time_zones() -> list[tuple[str, str]]:
    """Every named zone with its offset now ("Asia/Shanghai", "UTC+08:00"), for the search."""
    now = datetime.now(UTC)
    zones = []
    for name in sorted(available_timezones()):
        if "/" not in name or name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            continue
        offset = now.astimezone(ZoneInfo(name)).strftime("%z")
        zones.append((name, f"UTC{offset[:3]}:{offset[3:]}"))
    return zones
