"""The parts of the registration form: fee items with a live total, the organizer's questions
(one input per kind), the qualification statement and the safety notes to acknowledge.

Inputs are uncontrolled and named the way `register_state.read_form` reads them: `fee_<id>`,
`answer_<id>`, `answer_<id>__<n>` for each ticked choice, `qualification`, `safety_ack`.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData

from portal.domain.enums import QuestionKind
from portal.ui.components.file_answers import file_answer_for
from portal.ui.components.form import form_field
from portal.ui.i18n import locale_var, t
from portal.ui.public.register_state import RegisterState, picked

ERRORS = RegisterState.errors


def section(title: Var, *children: rx.Component, **props) -> rx.Component:
    return rx.el.section(rx.heading(title, size="4", as_="h2", margin_bottom="12px"),
                         *children, class_name="surface", width="100%", **props)


def error_text(field: Var | str, errors: Var = ERRORS) -> rx.Component:
    message = errors.get(field, "").to(str)
    return rx.text(message, size="1", color_scheme="red", role="alert",
                   class_name="field-error", id=rx.Var.create("error-") + field)


def _live_total() -> Var:
    """The total of the mandatory items and the ticked optional ones, in the reader's
    language ("" when nothing is charged) — worked out in the browser as boxes are ticked."""
    fees, event, chosen = RegisterState.optional, RegisterState.event, picked.value
    expr = (
        "((minor, currency, exponent) => { if (minor === 0) return ''; try { return new "
        f"Intl.NumberFormat({locale_var}, {{style: 'currency', currency}})"
        ".format(minor / 10 ** exponent); } catch (e) { return String(minor); } })("
        f"({fees} ?? []).reduce((sum, f) => sum + ({chosen}?.[f.id] ? Number(f.minor) : 0), "
        f"Number({event}?.base_minor ?? 0)), {event}?.currency ?? 'CNY', "
        f"Number({event}?.exponent ?? 2))")
    return Var(_js_expr=expr, _var_type=str, _var_data=VarData.merge(
        fees._get_all_var_data(), event._get_all_var_data(), chosen._get_all_var_data(),
        locale_var._get_all_var_data()))


def _optional_item(fee: Var) -> rx.Component:
    ticked = rx.cond(picked.value.to(dict)[fee["id"]], True, False)
    return rx.el.tr(
        rx.el.td(rx.el.label(rx.hstack(
            rx.checkbox(name="fee_" + fee["id"], checked=ticked,
                        on_change=picked.set_value(
                            picked.value.to(dict).merge({fee["id"]: ~ticked}))),
            rx.text(fee["label"], size="2"),
            rx.text(t("optional"), size="1", color_scheme="gray"),
            align="center", spacing="2"))),
        rx.el.td(fee["amount"], class_name="tabular", text_align="right"),
    )


def fees_section() -> rx.Component:
    total = _live_total()
    free = (RegisterState.included.length() + RegisterState.optional.length()) == 0
    return section(
        t("Fees"),
        rx.cond(free, rx.text(t("This event is free."), size="2"), rx.el.table(
            rx.el.tbody(
                rx.foreach(RegisterState.included, lambda fee: rx.el.tr(
                    rx.el.td(rx.text(fee["label"], size="2", as_="span"),
                             rx.text(t("included"), size="1", color_scheme="gray",
                                     as_="span", margin_left="8px")),
                    rx.el.td(fee["amount"], class_name="tabular", text_align="right"))),
                rx.foreach(RegisterState.optional, _optional_item),
                rx.el.tr(rx.el.th(t("Total"), text_align="left"),
                         rx.el.th(rx.cond(total != "", total, t("Free")), class_name="tabular",
                                  text_align="right", id="live-total", aria_live="polite")),
            ),
            width="100%", class_name="fee-lines",
        )),
        rx.cond(~free, rx.text(t("The total is worked out again when you confirm."), size="1",
                               color_scheme="gray", margin_top="8px")),
        error_text("fee_items"),
        id="block-fee_items",
    )


def _choice(value: Var | str, label: Var) -> rx.Component:
    return rx.el.label(rx.hstack(rx.radio_group.item(value=value), rx.text(label, size="2"),
                                 align="center", spacing="2"))


def question_input(question: Var, *, file_answer=None) -> rx.Component:  # noqa: ANN001
    """The input for one question by its kind; `file_answer(question)` renders a file
    question (a form without uploads, such as the registration desk, leaves it out)."""
    name, field_id = question.field, "field-" + question.field
    described = "error-" + question.field
    options = question.options.to(list[str])
    return rx.match(
        question.kind,
        (QuestionKind.SHORT_TEXT.value,
         rx.input(name=name, id=field_id, max_length=200, size="3", width="100%",
                  default_value=question.value, aria_describedby=described)),
        (QuestionKind.LONG_TEXT.value,
         rx.text_area(name=name, id=field_id, max_length=4000, rows="4", width="100%",
                      default_value=question.value, aria_describedby=described)),
        (QuestionKind.DATE.value,
         rx.input(type="date", name=name, id=field_id, size="3", default_value=question.value,
                  aria_describedby=described)),
        (QuestionKind.SINGLE_CHOICE.value, rx.radio_group.root(
            rx.vstack(rx.foreach(options, lambda option: _choice(option, option)),
                      spacing="2"),
            name=name, default_value=question.value,
            aria_labelledby="label-" + question.field)),
        (QuestionKind.YES_NO.value, rx.radio_group.root(
            rx.hstack(_choice("yes", t("Yes")), _choice("no", t("No")),
                      spacing="5"),
            name=name, default_value=question.value,
            aria_labelledby="label-" + question.field)),
        (QuestionKind.MULTIPLE_CHOICE.value, rx.vstack(
            rx.foreach(options, lambda option, index: rx.el.label(rx.hstack(
                rx.checkbox(name=name + "__" + index.to(str), value=option,
                            default_checked=question.chosen.to(list[str]).contains(option)),
                rx.text(option, size="2"), align="center", spacing="2"))),
            spacing="2", role="group", aria_labelledby="label-" + question.field)),
        (QuestionKind.FILE.value,
         file_answer(question) if file_answer is not None else rx.fragment()),
        rx.fragment(),
    )


_file_answer = file_answer_for(RegisterState)


def question_block(question: Var, *, errors: Var = ERRORS,
                   file_answer=None) -> rx.Component:  # noqa: ANN001
    """One question: its label (a star when required), its input, its error."""
    return rx.vstack(
        rx.el.label(question.label,
                    rx.cond(question.required,
                            rx.text(" *", as_="span", color_scheme="red", aria_hidden="true")),
                    html_for="field-" + question.field, id="label-" + question.field,
                    class_name="field-label"),
        question_input(question, file_answer=file_answer),
        error_text(question.field, errors),
        spacing="2", width="100%", align="stretch", id="block-" + question.field,
    )


def _question(question: Var) -> rx.Component:
    return question_block(question, file_answer=_file_answer)


def questions_section() -> rx.Component:
    return rx.cond(RegisterState.questions.length() > 0, section(
        t("Questions from the organizer"),
        rx.vstack(rx.foreach(RegisterState.questions, _question), spacing="5", width="100%"),
        id="questions",
    ))


def qualification_section() -> rx.Component:
    event = RegisterState.event
    return rx.cond(event["qualification"] != "", section(
        t("Qualification"),
        form_field(t("Your qualification"), "qualification", errors=ERRORS, required=True,
                   max_length=300,
                   hint=t("This event asks for: {what}", what=event["qualification"])),
        id="block-qualification",
    ))


def _note(title: Var, text: Var) -> rx.Component:
    return rx.cond(text != "", rx.box(rx.text(title, size="2", weight="bold"),
                                      rx.text(text, size="2", white_space="pre-wrap")))


def safety_section() -> rx.Component:
    event = RegisterState.event
    return rx.cond(event["safety"] == "yes", section(
        t("Safety notes"),
        rx.vstack(
            _note(t("Risks"), event["risks"]), _note(t("What the organizer does"),
                                                     event["measures"]),
            _note(t("Emergency plan"), event["plan"]),
            _note(t("Emergency contact"), event["contact"]),
            rx.el.label(rx.hstack(
                rx.checkbox(name="safety_ack", id="field-safety_ack"),
                rx.text(t("I have read the safety notes and will follow them."), size="2",
                        weight="medium"),
                align="center", spacing="2"), class_name="ack"),
            error_text("safety_ack"),
            spacing="3", width="100%",
        ),
        id="block-safety_ack",
    ))
