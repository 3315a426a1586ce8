"""Every rating, for complaints staff: filter by organizer, event, stars and hidden; hide an
abusive comment with a reason (the organizer and the public no longer see its words; the stars
still count), or show it again. Both are audited with the reason."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.models.rating import HIDDEN_REASON_LIMIT
from portal.domain.timefmt import format_date
from portal.i18n import N_
from portal.services import rating_views, ratings
from portal.services.paging import PageRequest
from portal.ui import routes
from portal.ui.components.feedback import toast_success
from portal.ui.components.stars import stars, stars_line
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.ratings import STAR_FILTER
from portal.ui.session import SessionState, parse_id

ROUTE = routes.STAFF_RATINGS
TITLE = N_("Ratings")
DONE = {"hide": N_("The comment is hidden; the reason is in the audit log."),
        "show": N_("The comment is shown again.")}


class StaffRatingsState(TableMixin, SessionState):
    sort: str = "created_at"
    descending: bool = True
    organizers: list[list[str]] = []  # [id, name] of organizers with ratings, for the filter
    events: list[list[str]] = []  # [id, name] of events with ratings
    dialog_open: bool = False
    action: str = ""  # hide | show
    chosen: dict[str, str] = {}
    reason: str = ""
    reason_error: str = ""
    _selected: int = 0  # the rating the dialog acts on: one of the rows this tab shows

    def _show_field_error(self, field: str, message: str) -> bool:
        if field != "reason":
            return False
        self.reason_error = message
        return True

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        page = await self._read(rating_views.search_ratings, request=request)
        choices = await self._read(rating_views.rating_choices)
        self.organizers = [[str(i), name] for i, name in choices.organizers]
        self.events = [[str(i), name] for i, name in choices.events]
        locale = self._locale()
        return [{"id": str(r.id), "event": r.event_name, "organizer": r.organizer_name,
                 "stars": stars_line(r.stars), "n": str(r.stars), "comment": r.comment,
                 "hidden": "yes" if r.hidden else "", "reason": r.hidden_reason,
                 "person": r.person, "date": format_date(r.created_at.date(), locale)}
                for r in page.items], page.total

    @rx.event
    def open_dialog(self, rating_id: str, action: str) -> None:
        """Hide or show the comment of one of the rows shown."""
        row = next((r for r in self.rows if r["id"] == str(rating_id)[:20]), None)
        if row is None or action not in DONE:
            return
        self._selected, self.chosen, self.action = parse_id(row["id"]), row, action
        self.reason, self.reason_error, self.dialog_open = "", "", True

    @rx.event
    def dialog_changed(self, is_open: bool) -> None:
        if is_open is not True:
            self.dialog_open, self._selected, self.chosen = False, 0, {}

    @rx.event
    def keep_reason(self, text: str) -> None:
        self.reason = str(text)[:HIDDEN_REASON_LIMIT + 100]
        self.reason_error = ""

    @rx.event
    async def confirm(self):
        service = ratings.hide_comment if self.action == "hide" else ratings.unhide_comment
        if self.action == "hide" and not self.reason.strip():  # at once, no round trip
            self.reason_error = self._("Say why the comment is hidden.")
            return None
        try:
            await self._write(service, rating_id=self._selected, reason=self.reason,
                              ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        message = self._(DONE.get(self.action, DONE["show"]))
        self.dialog_open, self._selected, self.chosen = False, 0, {}
        await self._reload()
        return toast_success(message)


S = StaffRatingsState


def _comment(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.text(row["comment"], size="2", white_space="pre-wrap",
                opacity=rx.cond(row["hidden"] == "yes", "0.6", "1")),
        rx.cond(row["hidden"] == "yes", rx.badge(
            rx.icon("eye-off", size=12), t("Hidden: {reason}", reason=row["reason"]),
            color_scheme="red", white_space="normal")),
        spacing="1", align="start")


def _actions(row) -> rx.Component:  # noqa: ANN001
    return rx.cond(
        row["hidden"] == "yes",
        rx.button(rx.icon("eye", size=14), t("Show again"), size="1", variant="soft",
                  on_click=S.open_dialog(row["id"], "show"), class_name="rating-show"),
        rx.cond(row["comment"] != "",
                rx.button(rx.icon("eye-off", size=14), t("Hide comment"), size="1",
                          color_scheme="red", variant="soft",
                          on_click=S.open_dialog(row["id"], "hide"),
                          class_name="rating-hide")))


COLUMNS = [
    Column("event", N_("Event"), sortable=True, render=lambda row: rx.vstack(
        rx.text(row["event"], size="2", weight="medium"),
        rx.text(row["organizer"], size="1", color_scheme="gray"), spacing="0")),
    Column("stars", N_("Stars"), sortable=True,
           render=lambda row: stars(row["stars"], row["n"])),
    Column("comment", N_("Comment"), render=_comment),
    Column("person", N_("Person"), render=lambda row: row["person"]),
    Column("created_at", N_("Rated on"), sortable=True, render=lambda row: row["date"]),
    Column("actions", N_("Actions"), render=_actions),
]
FILTERS = [Filter("stars", N_("Stars"), STAR_FILTER),
           Filter("hidden", N_("Comment"), (("visible", N_("Shown")),
                                            ("hidden", N_("Hidden by staff"))))]


def _choice_filter(key: str, label: str, options) -> rx.Component:  # noqa: ANN001
    """A filter whose options come from the data (organizers, events with ratings)."""
    return rx.hstack(
        rx.text(t(label), size="2", color_scheme="gray"),
        rx.select.root(
            rx.select.trigger(placeholder=t(label), aria_label=t(label), max_width="14em"),
            rx.select.content(rx.select.item(t("All"), value="all"),
                              rx.foreach(options, lambda o: rx.select.item(o[1], value=o[0]))),
            value=rx.cond(S.filters[key], S.filters[key], "all"),
            on_change=lambda value: S.filter_by(key, value)),
        align="center", spacing="2")


def _dialog() -> rx.Component:
    hiding = S.action == "hide"
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(rx.cond(hiding, t("Hide this comment?"),
                                          t("Show this comment again?"))),
            rx.alert_dialog.description(
                rx.cond(hiding, t("The organizer and the public will no longer see its "
                                  "words; its stars still count. The person is not told."),
                        t("The organizer and the public will see its words again.")),
                size="2"),
            rx.blockquote(S.chosen["comment"], size="2", margin_y="8px"),
            rx.el.label(rx.cond(hiding, t("Reason (required)"), t("Reason (optional)")),
                        html_for="hide-reason", class_name="field-label"),
            rx.text_area(id="hide-reason", value=S.reason, on_change=S.keep_reason,
                         max_length=HIDDEN_REASON_LIMIT, width="100%", rows="3",
                         aria_describedby="hide-reason-error"),
            rx.text(S.reason_error, size="1", color_scheme="red", role="alert",
                    id="hide-reason-error", class_name="field-error"),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("Cancel"), variant="soft",
                                                 color_scheme="gray")),
                rx.button(rx.cond(hiding, t("Hide comment"), t("Show again")),
                          color_scheme=rx.cond(hiding, "red", "indigo"), on_click=S.confirm,
                          id="rating-dialog-confirm"),
                spacing="3", margin_top="16px", justify="end"),
            max_width="480px", id="hide-dialog"),
        open=S.dialog_open, on_open_change=S.dialog_changed)


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        data_table(S, COLUMNS, filters=FILTERS, search_label=N_("Search by event or comment"),
                   empty_title=N_("No ratings match"), empty_icon="star",
                   controls=[_choice_filter("organizer", N_("Organizer"), S.organizers),
                             _choice_filter("event", N_("Event"), S.events)]),
        _dialog(),
    )


ON_LOAD = S.load_table
