"""The event editor: details, time and place, registration, eligibility and refunds, the guide,
fee items and the safety plan; save as draft, preview as attendees will see it, submit."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import reflex as rx
from reflex.vars.base import Var

from portal.domain.errors import DomainError, Forbidden
from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import (
    event_autosave,
    event_changes,
    event_covers,
    event_drafts,
    event_views,
    organizers,
)
from portal.services.commands import form_values, parse_command
from portal.services.event_form import (
    MAX_FEE_ITEMS,
    MAX_QUESTIONS,
    EventDraft,
    FeeInput,
    QuestionInput,
)
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import EVENT_STATUS, status_badge
from portal.ui.components.event_view import (
    CATEGORIES,
    FEE_KINDS,
    FORMATS,
    QUESTION_KINDS,
    display,
    event_body,
)
from portal.ui.components.feedback import toast_error, toast_success
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState
from portal.wiring import file_store

ROUTE = routes.ORGANIZER_EVENT
TITLE = N_("Event")
LOCAL = "%Y-%m-%dT%H:%M"
COVER_ID = "cover-upload"
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
        questions.append(QuestionInput(kind=str(form[f"q_kind_{index}"])[:20],
                                       label=str(form.get(f"q_label_{index}", ""))[:250],
                                       required=form.get(f"q_required_{index}") in ("on", True),
                                       options=str(form.get(f"q_options_{index}", ""))[:3000]))
    return questions


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


class EventEditorState(FormMixin, SessionState):
    event_id: int = 0
    values: dict[str, str] = {}
    fees: list[dict[str, str]] = []
    questions: list[dict[str, str]] = []
    status: str = "draft"
    note: str = ""
    preview: dict[str, str] = {}
    preview_fees: list[dict[str, str]] = []
    version: int = 0
    pending_change: bool = False
    autosaved: str = ""
    restored: bool = False

    async def _fill(self, event_id: int) -> None:
        view = await self._read(event_views.editor_event, event_id=event_id)
        zone = ZoneInfo(view.time_zone)
        self.values = {name: str(getattr(view, name) if getattr(view, name) is not None else "")
                       for name in EventDraft.model_fields if name in type(view).model_fields}
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.values[name] = getattr(view, name).astimezone(zone).strftime(LOCAL)
        self.values["format"], self.values["capacity"] = view.format.value, str(view.capacity)
        self.fees = [{"idx": str(i), "kind": f.kind, "label": f.label,
                      "amount": str(Money(view.currency, f.amount_minor).to_decimal()),
                      "mandatory": "on" if f.mandatory else ""} for i, f in enumerate(view.fees)]
        self.questions = [{"idx": str(i), "kind": q.kind, "label": q.label,
                           "required": "on" if q.required else "",
                           "options": "\n".join(q.options)} for i, q in enumerate(view.questions)]
        self.status, self.note, self.event_id = view.status.value, view.decision_note, view.id
        self.preview, self.preview_fees = display(view, self._locale())
        self.pending_change = view.pending_change

    async def _restore(self, event_id: int) -> None:
        kept = await self._read(event_autosave.load_autosave, event_id=event_id)
        self.restored, self.autosaved = kept is not None, ""
        if kept is None:
            return
        data, saved_at = kept
        self.values = {**self.values, **{k: v for k, v in data.items()
                                         if k in EventDraft.model_fields}}
        self.fees = [{**row, "mandatory": row["mandatory"]}
                     for row in rows_from(data, "fee_kind_", ("kind", "label", "amount",
                                                              "mandatory"))]
        self.questions = rows_from(data, "q_kind_", ("kind", "label", "required", "options"))
        self.autosaved = format_datetime(saved_at, get_settings().time_zone, self._locale())

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        self.version += 1
        event_id = self._query_id()
        if event_id:
            try:
                await self._fill(event_id)
                if self.status in ("draft", "rejected"):
                    await self._restore(event_id)
                return
            except DomainError as error:
                self.form_error = self._error(error)
        self.event_id, self.status, self.note, self.preview, self.preview_fees = 0, "draft", "", \
            {}, []
        self.values = {"time_zone": get_settings().time_zone, "category": "conference",
                       "format": "in_person", "refund_full_days": "7",
                       "refund_partial_days": "2", "refund_partial_percent": "50"}
        self.fees = [{"idx": "0", "kind": "registration", "label": "", "amount": "0",
                      "mandatory": "on"}]
        self.questions = []
        try:
            await self._restore(0)
        except DomainError:
            self.restored = False

    async def _organizer(self) -> int:
        found = await self._read(organizers.acting_for, organizer_id=self.acting_organizer)
        if found is None:
            raise Forbidden("Apply as an organizer first.")
        return found

    @rx.event
    async def autosave(self, data: dict):
        """Keep what is typed as the organizer moves between fields (nothing is validated)."""
        if not isinstance(data, dict) or self.status not in ("draft", "rejected"):
            return
        try:
            saved_at = await self._write(event_autosave.autosave_draft,
                                         organizer_id=await self._organizer(),
                                         event_id=self.event_id, data=data)
        except DomainError:
            return
        self.autosaved = format_datetime(saved_at, get_settings().time_zone, self._locale())

    @rx.event
    async def discard_changes(self):
        try:
            await self._write(event_autosave.discard_autosave, event_id=self.event_id)
        except DomainError as error:
            return self._fail(error)
        self.restored = False
        return rx.call_script("window.location.reload()")

    @rx.event
    def add_fee(self) -> None:
        self.fees = with_new_row(self.fees, MAX_FEE_ITEMS, {
            "kind": "registration", "label": "", "amount": "", "mandatory": "on"})

    @rx.event
    def remove_fee(self, index: str) -> None:
        self.fees = [f for f in self.fees if f["idx"] != str(index)]

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]):
        if not files:
            return toast_error(self._("Choose a file first."))
        limit = get_settings().upload_max_mb * 1024 * 1024
        content = await files[0].read(limit + 1)
        try:
            await self._write(event_covers.set_cover, event_id=self.event_id,
                              filename=files[0].filename or "cover", content=content,
                              store=file_store())
        except DomainError as error:
            return self._fail(error)
        await self._fill(self.event_id)
        return [toast_success(self._("Cover image saved.")), rx.clear_selected_files(COVER_ID)]

    @rx.event
    def add_question(self) -> None:
        self.questions = with_new_row(self.questions, MAX_QUESTIONS, {
            "kind": "short_text", "label": "", "required": "", "options": ""})

    @rx.event
    def remove_question(self, index: str) -> None:
        self.questions = [q for q in self.questions if q["idx"] != str(index)]

    async def _save(self, form: dict) -> int:
        form = form if isinstance(form, dict) else {}
        draft = parse_command(EventDraft, form_values(form, EventDraft.model_fields,
                                                      limit=25000))
        return await self._write(event_drafts.save_draft, organizer_id=await self._organizer(),
                                 event_id=self.event_id or None, draft=draft,
                                 fees=read_fees(form), questions=read_questions(form))

    def _refused(self, error: DomainError):
        """A refusal beside its field and as a toast: the field may be further down the page."""
        self._show_failure(error)
        return toast_error(self._error(error))

    @rx.event
    async def save(self, form: dict):
        if self.status == "published":
            return await self._request_change(form)
        try:
            event_id = await self._save(form)
        except DomainError as error:
            return self._refused(error)
        self._clear_errors()
        await self._fill(event_id)
        return [toast_success(self._("Draft saved.")),
                rx.call_script(f"window.history.replaceState(null, '', "
                               f"'{routes.ORGANIZER_EVENT}?id={event_id}')")]

    async def _request_change(self, form: dict):
        form = form if isinstance(form, dict) else {}
        try:
            draft = parse_command(EventDraft, form_values(form, EventDraft.model_fields,
                                                          limit=25000))
            await self._write(event_changes.request_update, event_id=self.event_id,
                              draft=draft, fees=read_fees(form),
                              reason=form_values(form, ["reason"], limit=1200)["reason"])
        except DomainError as error:
            return self._refused(error)
        self._clear_errors()
        self.pending_change = True
        return toast_success(self._("Change requested; staff review it before it applies."))

    @rx.event
    async def request_cancellation(self, form: dict):
        try:
            await self._write(event_changes.request_cancel, event_id=self.event_id,
                              reason=form_values(form, ["cancel_reason"],
                                                 limit=1200)["cancel_reason"])
        except DomainError as error:
            if error.field == "reason":
                self.errors = {"cancel_reason": self._error(error)}
                return None
            return self._fail(error)
        self._clear_errors()
        self.pending_change = True
        return toast_success(self._("Cancellation requested; staff review it."))

    @rx.event
    async def submit_for_review(self):
        try:
            await self._write(event_drafts.submit_event, event_id=self.event_id)
        except DomainError as error:
            return self._refused(error)
        self._clear_errors()
        await self._fill(self.event_id)
        return toast_success(self._("Submitted for review."))


def _field(name: str, label: str, **props) -> rx.Component:
    value = EventEditorState.values.get(name, "").to(str)
    if name in TEXT_AREAS:
        return rx.vstack(
            rx.el.label(t(label), html_for=f"field-{name}", class_name="field-label"),
            rx.text_area(name=name, id=f"field-{name}", default_value=value, rows="4",
                         width="100%", max_length=props.get("max_length", 3000)),
            rx.text(field_error(EventEditorState.errors, name), size="1", color_scheme="red",
                    role="alert", class_name="field-error", id=f"field-{name}-error"),
            spacing="1", width="100%", grid_column="1 / -1",
        )
    return form_field(t(label), name, errors=EventEditorState.errors, default_value=value,
                      **props)


def _choice(name: str, label: str, options: dict[str, str]) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label), html_for=f"field-{name}", class_name="field-label"),
        rx.select.root(rx.select.trigger(id=f"field-{name}", width="100%"),
                       rx.select.content(*[rx.select.item(t(text), value=key)
                                           for key, text in options.items()]),
                       name=name, default_value=EventEditorState.values.get(name, "").to(str),
                       size="3"),
        rx.text(field_error(EventEditorState.errors, name), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        spacing="1", width="100%",
    )


def _section(title: str, *fields: rx.Component) -> rx.Component:
    return rx.box(
        rx.heading(t(title), size="4", as_="h2", margin_bottom="12px"),
        rx.grid(*fields, columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                width="100%"),
        class_name="surface", width="100%",
    )


def _fee_row(fee) -> rx.Component:  # noqa: ANN001
    index = fee["idx"]
    return rx.hstack(
        rx.select.root(rx.select.trigger(aria_label=t("Kind of fee")),
                       rx.select.content(*[rx.select.item(t(text), value=key)
                                           for key, text in FEE_KINDS.items()],
                                         rx.select.item(t("Custom"), value="custom")),
                       name="fee_kind_" + index, default_value=fee["kind"]),
        rx.input(name="fee_label_" + index, default_value=fee["label"], max_length=80,
                 placeholder=t("Label (for a custom fee)"), aria_label=t("Label")),
        rx.input(name="fee_amount_" + index, default_value=fee["amount"], max_length=20,
                 inputmode="decimal", aria_label=t("Amount"), placeholder="0.00",
                 width="120px", class_name="fee-amount"),
        rx.el.label(rx.hstack(rx.checkbox(name="fee_mandatory_" + index,
                                          default_checked=fee["mandatory"] == "on"),
                              rx.text(t("Mandatory"), size="2"), align="center")),
        rx.icon_button(rx.icon("trash-2", size=16), type="button", variant="ghost",
                       color_scheme="red", aria_label=t("Remove fee"),
                       on_click=EventEditorState.remove_fee(index)),
        align="center", wrap="wrap", width="100%",
    )


def _fees() -> rx.Component:
    return rx.box(
        rx.heading(t("Fees"), size="4", as_="h2", margin_bottom="4px"),
        rx.text(t("Amounts in {currency}. Mandatory items make up the total.",
                  currency=get_settings().currency), size="2", color_scheme="gray",
                margin_bottom="8px"),
        rx.vstack(rx.foreach(EventEditorState.fees, _fee_row), spacing="2", width="100%",
                  id="fee-items"),
        rx.text(field_error(EventEditorState.errors, "fees"), size="1", color_scheme="red",
                role="alert", class_name="field-error"),
        rx.button(rx.icon("plus", size=14), t("Add a fee item"), type="button", variant="soft",
                  size="1", on_click=EventEditorState.add_fee, margin_top="8px", id="add-fee"),
        class_name="surface", width="100%",
    )


def _question_row(question) -> rx.Component:  # noqa: ANN001
    index = question["idx"]
    return rx.vstack(
        rx.hstack(
            rx.select.root(rx.select.trigger(aria_label=t("Kind of question")),
                           rx.select.content(*[rx.select.item(t(text), value=key)
                                               for key, text in QUESTION_KINDS.items()]),
                           name="q_kind_" + index, default_value=question["kind"]),
            rx.input(name="q_label_" + index, default_value=question["label"], max_length=200,
                     placeholder=t("The question"), aria_label=t("The question"), flex="1",
                     class_name="question-label"),
            rx.el.label(rx.hstack(rx.checkbox(name="q_required_" + index,
                                              default_checked=question["required"] == "on"),
                                  rx.text(t("Required"), size="2"), align="center")),
            rx.icon_button(rx.icon("trash-2", size=16), type="button", variant="ghost",
                           color_scheme="red", aria_label=t("Remove question"),
                           on_click=EventEditorState.remove_question(index)),
            align="center", wrap="wrap", width="100%",
        ),
        rx.text_area(name="q_options_" + index, default_value=question["options"], rows="2",
                     placeholder=t("Options for choice questions, one per line"),
                     aria_label=t("Options"), width="100%"),
        width="100%", spacing="1", class_name="question-row",
    )


def _questions() -> rx.Component:
    return rx.box(
        rx.heading(t("Registration questions"), size="4", as_="h2", margin_bottom="8px"),
        rx.vstack(rx.foreach(EventEditorState.questions, _question_row), spacing="3",
                  width="100%", id="questions"),
        rx.text(field_error(EventEditorState.errors, "questions"), size="1",
                color_scheme="red", role="alert", class_name="field-error"),
        rx.button(rx.icon("plus", size=14), t("Add a question"), type="button", variant="soft",
                  size="1", on_click=EventEditorState.add_question, margin_top="8px",
                  id="add-question"),
        class_name="surface", width="100%",
    )


def _cover() -> rx.Component:
    return rx.cond(
        (EventEditorState.event_id > 0) & (EventEditorState.status != "published"),
        rx.box(
            rx.heading(t("Cover image"), size="4", as_="h2", margin_bottom="8px"),
            rx.hstack(
                rx.upload(
                    rx.hstack(rx.icon("image-up", size=16),
                              rx.text(t("Choose a JPEG or PNG"), size="2"),
                              rx.foreach(rx.selected_files(COVER_ID), lambda n: rx.badge(n))),
                    id=COVER_ID, max_files=1, multiple=False,
                    accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]},
                    border="1px dashed var(--gray-7)", padding="10px 14px",
                    border_radius="8px", cursor="pointer",
                ),
                rx.button(t("Upload cover"), type="button", variant="soft", id="upload-cover",
                          on_click=EventEditorState.upload_cover(
                              rx.upload_files(upload_id=COVER_ID))),
                wrap="wrap", align="center",
            ),
            class_name="surface", width="100%",
        ),
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.cond(EventEditorState.restored, rx.callout(
                rx.hstack(t("Your unsaved changes from {time} are back.",
                            time=EventEditorState.autosaved),
                          rx.button(t("Discard them"), type="button", size="1", variant="soft",
                                    on_click=EventEditorState.discard_changes),
                          align="center", wrap="wrap"),
                icon="history", width="100%", id="restored")),
            _section(N_("Details"), _field("name", N_("Event name"), required=True,
                                           max_length=200),
                     _choice("category", N_("Category"), CATEGORIES),
                     _field("summary", N_("Summary"), max_length=300),
                     _field("description", N_("Description (Markdown)"), max_length=20000)),
            _section(N_("Time and place"),
                     _field("starts_at", N_("Starts"), type="datetime-local", required=True),
                     _field("ends_at", N_("Ends"), type="datetime-local", required=True),
                     _field("time_zone", N_("Time zone"), max_length=64),
                     _choice("format", N_("Format"), FORMATS),
                     _field("venue_address", N_("Venue address"), max_length=300),
                     _field("city", N_("City"), max_length=80),
                     _field("join_link", N_("Link to join online (registrants only)"),
                            max_length=500, type="url")),
            _section(N_("Registration"),
                     _field("capacity", N_("Capacity"), type="number", min="1",
                            required=True),
                     rx.box(),
                     _field("registration_opens_at", N_("Registration opens"),
                            type="datetime-local", required=True),
                     _field("registration_closes_at", N_("Registration closes"),
                            type="datetime-local", required=True)),
            _section(N_("Eligibility and refunds"),
                     _field("min_age", N_("Minimum age"), type="number", min="0"),
                     _field("max_age", N_("Maximum age"), type="number", min="0"),
                     _field("required_qualification", N_("Required qualification"),
                            max_length=300),
                     rx.box(),
                     _field("refund_full_days", N_("Full refund until (days before)"),
                            type="number", min="0"),
                     _field("refund_partial_days", N_("Partial refund until (days before)"),
                            type="number", min="0"),
                     _field("refund_partial_percent", N_("Partial refund (%)"), type="number",
                            min="0", max="100")),
            _section(N_("Participation guide"),
                     _field("guide_process", N_("Process")),
                     _field("guide_bring", N_("What to bring"), max_length=1000),
                     _field("guide_notes", N_("Notes"))),
            _fees(),
            _questions(),
            _section(N_("Safety plan (required before submitting)"),
                     _field("safety_risks", N_("Risks")),
                     _field("safety_measures", N_("Measures")),
                     _field("emergency_contact", N_("Emergency contact"), max_length=200),
                     _field("emergency_plan", N_("Emergency plan: fire, earthquake, network "
                                                 "incidents"))),
            rx.cond(EventEditorState.status == "published", rx.box(
                _field("reason", N_("Reason for the change (staff and registrants read it)"),
                       max_length=1000),
                rx.button(t("Request this change"), type="submit", id="request-change",
                          margin_top="8px"),
                class_name="surface", width="100%")),
            rx.cond(EventEditorState.status != "published", rx.hstack(
                rx.button(t("Save draft"), type="submit", variant="soft", id="save-event"),
                rx.cond(EventEditorState.event_id > 0,
                        rx.button(t("Submit for review"), type="button", id="submit-event",
                                  on_click=EventEditorState.submit_for_review)),
                rx.text(t("Save your changes before you submit."), size="1",
                        color_scheme="gray"),
                rx.cond(EventEditorState.autosaved != "",
                        rx.text(t("Kept as you type · {time}", time=EventEditorState.autosaved),
                                size="1", color_scheme="gray", id="autosaved")),
                spacing="3", align="center", wrap="wrap",
            )),
            spacing="4", width="100%",
        ),
        on_submit=EventEditorState.save,
        on_blur=EventEditorState.autosave(FORM_DATA),
        id="event-form",
        key=EventEditorState.version.to_string() + EventEditorState.status,
        width="100%",
    )


def _cancel_form() -> rx.Component:
    return rx.cond(
        EventEditorState.status == "published",
        rx.box(
            rx.heading(t("Cancel the event"), size="4", as_="h2", margin_bottom="8px"),
            rx.form(
                rx.vstack(
                    form_field(t("Reason for cancelling (registrants read it)"),
                               "cancel_reason", errors=EventEditorState.errors,
                               max_length=1000),
                    rx.button(t("Request cancellation"), type="submit", color_scheme="red",
                              variant="soft", id="request-cancel"),
                    width="100%", spacing="2",
                ),
                on_submit=EventEditorState.request_cancellation, reset_on_submit=True,
            ),
            class_name="surface", width="100%", margin_top="16px",
        ),
    )


def page() -> rx.Component:
    editable = ((EventEditorState.status == "draft") | (EventEditorState.status == "rejected")
                | ((EventEditorState.status == "published") & ~EventEditorState.pending_change))
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.vstack(
            rx.hstack(status_badge(EventEditorState.status, EVENT_STATUS), align="center"),
            rx.cond(EventEditorState.note != "",
                    rx.callout(t("Reviewer: {note}", note=EventEditorState.note),
                               icon="message-square", color_scheme="amber", id="review-note")),
            form_error(EventEditorState.form_error),
            rx.tabs.root(
                rx.tabs.list(rx.tabs.trigger(t("Edit"), value="edit"),
                             rx.tabs.trigger(t("Preview"), value="preview", id="preview-tab")),
                rx.tabs.content(
                    rx.cond(editable, rx.box(_form(), _cover(), _cancel_form()), rx.callout(
                        rx.cond(EventEditorState.pending_change,
                                t("A change request is waiting for staff review."),
                                rx.cond(EventEditorState.status == "cancelled",
                                        t("This event is cancelled."),
                                        t("This event is not editable while it is in "
                                          "review."))),
                        icon="lock", id="locked")),
                    value="edit", padding_top="16px"),
                rx.tabs.content(
                    rx.cond(EventEditorState.preview.contains("id"),
                            event_body(EventEditorState.preview, EventEditorState.preview_fees),
                            rx.text(t("Save the draft to see its preview."))),
                    value="preview", padding_top="16px"),
                default_value="edit", width="100%",
            ),
            spacing="3", width="100%",
        ),
    )


ON_LOAD = EventEditorState.load
