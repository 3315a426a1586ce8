"""What the event editor's form sends: fee and question rows read from the submitted form,
and the rows restored from an autosaved copy."""

from __future__ import annotations

from reflex.vars.base import Var

from portal.services.event_form import MAX_FEE_ITEMS, MAX_QUESTIONS, FeeInput, QuestionInput

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
