"""Rating an event one attended, from My registrations: a dialog with 1-5 stars (a labelled
radio group) and an optional comment; the service decides who may rate, and once."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.models.rating import COMMENT_LIMIT
from portal.i18n import N_
from portal.services import ratings
from portal.ui.components.feedback import toast_success
from portal.ui.components.stars import star_picker
from portal.ui.i18n import t
from portal.ui.session import SessionState, parse_id

THANKS = N_("Thank you: your rating is saved.")


class RateEventState(SessionState):
    dialog_open: bool = False
    target: str = ""
    event_name: str = ""
    stars: str = ""
    comment: str = ""
    stars_error: str = ""
    comment_error: str = ""
    busy: bool = False

    def _show_field_error(self, field: str, message: str) -> bool:
        if field == "stars":
            self.stars_error = message
        elif field == "comment":
            self.comment_error = message
        else:
            return False
        return True

    @rx.event
    async def start(self, registration_id: str):
        """Open the dialog for one of the person's registrations they may rate."""
        target = parse_id(registration_id)
        self.dialog_open, self.stars, self.comment = False, "", ""
        self.stars_error, self.comment_error = "", ""
        if not target:
            return None
        try:
            mine = await self._read(ratings.my_rating, registration_id=target)
        except DomainError as error:
            return self._fail(error)
        if not mine.can_rate:
            return self._fail(DomainError(ratings.ALREADY_RATED if mine.stars
                                          else ratings.NOT_ATTENDED))
        self.target, self.event_name, self.dialog_open = str(target), mine.event_name, True
        return None

    @rx.event
    def close(self) -> None:
        self.dialog_open, self.target = False, ""

    @rx.event
    def choose_stars(self, value: str) -> None:
        self.stars = str(value)[:1]
        self.stars_error = ""

    @rx.event
    def keep_comment(self, text: str) -> None:
        self.comment = str(text)[:COMMENT_LIMIT + 200]
        self.comment_error = (self._("Use at most {n} characters.", n=COMMENT_LIMIT)
                              if len(self.comment.strip()) > COMMENT_LIMIT else "")

    @rx.event
    async def submit(self):
        target = parse_id(self.target)
        if not target:
            return None
        if not self.stars:  # said at once, without a round trip to the service
            self.stars_error = self._("Choose from 1 to 5 stars.")
            return None
        self.busy = True
        try:
            await self._write(ratings.rate_event, registration_id=target, stars=self.stars,
                              comment=self.comment, ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        finally:
            self.busy = False
        from portal.ui.attendee.registrations import MyRegistrationsState

        self.dialog_open, self.target, self.stars, self.comment = False, "", "", ""
        return [MyRegistrationsState.load_table, toast_success(self._(THANKS))]


S = RateEventState


def rate_dialog() -> rx.Component:
    """One dialog for the page, filled by `start` for the registration chosen."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Rate this event")),
            rx.dialog.description(S.event_name, weight="bold", size="3"),
            rx.text(t("Your rating counts towards the organizer's score. Your name is not "
                      "shown with it."), size="2", color_scheme="gray", margin_y="8px"),
            rx.vstack(
                star_picker(S.stars, S.choose_stars, S.stars_error),
                rx.el.label(t("Comment (optional)"), html_for="rating-comment",
                            class_name="field-label"),
                rx.text_area(id="rating-comment", value=S.comment, on_change=S.keep_comment,
                             max_length=COMMENT_LIMIT, width="100%", rows="4",
                             aria_describedby="rating-comment-error",
                             placeholder=t("What went well, what could be better?")),
                rx.text(S.comment_error, size="1", color_scheme="red", role="alert",
                        id="rating-comment-error", class_name="field-error"),
                spacing="2", width="100%"),
            rx.flex(
                rx.button(t("Not now"), variant="soft", color_scheme="gray", on_click=S.close),
                rx.button(t("Send my rating"), loading=S.busy, on_click=S.submit,
                          id="rating-submit"),
                spacing="3", margin_top="16px", justify="end", wrap="wrap"),
            max_width="480px", id="rating-dialog",
        ),
        open=S.dialog_open,
        on_open_change=lambda _open: S.close(),
    )
