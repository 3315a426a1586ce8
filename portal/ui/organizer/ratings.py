"""The organizer's ratings: its score (a Bayesian average: one rating does not make a 5.0), how
the ratings spread over 1-5 stars, and what attendees wrote, per event. Who wrote it is not
shown; a comment staff hid shows as hidden."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import Forbidden
from portal.domain.timefmt import format_date
from portal.i18n import N_
from portal.services import organizer_membership, rating_views
from portal.services.paging import PageRequest
from portal.services.runner import public
from portal.ui import routes
from portal.ui.components.stars import distribution, score_row, score_summary, stars, stars_line
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_RATINGS
TITLE = N_("Ratings")
STAR_FILTER = tuple((str(n), f"{n} ★") for n in (5, 4, 3, 2, 1))


class OrganizerRatingsState(TableMixin, SessionState):
    sort: str = "created_at"
    descending: bool = True
    rating: dict[str, str] = {}

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        organizer_id = await self._read(organizer_membership.acting_for,
                                        organizer_id=self.acting_organizer)
        if organizer_id is None:
            raise Forbidden("Apply as an organizer first.")
        page = await self._read(rating_views.organizer_ratings, organizer_id=organizer_id,
                                request=request)
        # The score is public, but read here with the rows so both describe the same moment.
        self.rating = score_row(await self._read(public(rating_views.organizer_score),
                                                 organizer_id=organizer_id))
        locale = self._locale()
        return [{"id": str(r.id), "event": r.event_name, "stars": stars_line(r.stars),
                 "n": str(r.stars), "comment": r.comment, "hidden": "yes" if r.hidden else "",
                 "date": format_date(r.created_at.date(), locale)}
                for r in page.items], page.total


S = OrganizerRatingsState


def _comment(row) -> rx.Component:  # noqa: ANN001
    return rx.cond(row["hidden"] == "yes",
                   rx.badge(rx.icon("eye-off", size=12), t("Hidden by staff"),
                            color_scheme="gray"),
                   rx.text(row["comment"], size="2", white_space="pre-wrap"))


COLUMNS = [
    Column("event", N_("Event"), sortable=True, render=lambda row: row["event"]),
    Column("stars", N_("Stars"), sortable=True,
           render=lambda row: stars(row["stars"], row["n"])),
    Column("comment", N_("Comment"), render=_comment),
    Column("created_at", N_("Rated on"), sortable=True, render=lambda row: row["date"]),
]
FILTERS = [Filter("stars", N_("Stars"), STAR_FILTER),
           Filter("hidden", N_("Comment"), (("visible", N_("Shown")),
                                            ("hidden", N_("Hidden by staff"))))]


def _summary() -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.text(t("Your score"), size="2", color_scheme="gray"),
            rx.box(score_summary(S.rating, size="6"), id="organizer-score"),
            rx.text(t("A weighted average: every organizer starts at 3.0 as if five people "
                      "had given 3 stars, so a few ratings move it only a little."),
                    size="1", color_scheme="gray", max_width="380px"),
            spacing="2"),
        rx.cond(S.rating["count"].to(str) != "0", distribution(S.rating)),
        class_name="surface", spacing="6", wrap="wrap", width="100%", align="center")


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.vstack(
            rx.cond(S.error == "", _summary()),
            data_table(S, COLUMNS, filters=FILTERS, search_label=N_("Search by event or comment"),
                       empty_title=N_("No ratings yet"), empty_icon="star"),
            spacing="4", width="100%"),
    )


ON_LOAD = S.load_table
