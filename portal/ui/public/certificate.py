"""An organizer's certificate (rules §3.1.2): printable, and anyone can check it."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_date
from portal.i18n import N_, gettext
from portal.services import organizer_standing, organizers, rating_views
from portal.services.runner import public
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import unless_refused
from portal.ui.components.stars import distribution, score_row, score_summary, stars_line
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.organizer.labels import KINDS
from portal.ui.session import SessionState

ROUTE = routes.CERTIFICATE
TITLE = N_("Organizer certificate")


class CertificateState(SessionState):
    cert: dict[str, str] = {}
    valid: bool = False  # in force (not suspended or revoked)
    error: str = ""
    rating: dict[str, str] = {}  # the organizer's score (components/stars.py score_row)
    comments: list[dict[str, str]] = []
    comments_page: int = 1
    comments_pages: int = 1

    async def _load_comments(self, organizer_id: int, page: int) -> None:
        found = await self._read(public(rating_views.public_comments),
                                 organizer_id=organizer_id, page=page)
        locale = self._locale()
        self.comments = [{"stars": stars_line(c.stars), "n": str(c.stars), "text": c.comment,
                          "event": c.event_name,
                          "date": format_date(c.created_at.date(), locale)}
                         for c in found.items]
        self.comments_page, self.comments_pages = found.page, found.pages

    @rx.event
    async def show_comments(self, page: int) -> None:
        """Another page of the visible comments (anyone: they are public)."""
        try:
            wanted = max(1, min(int(page), 100_000))
            await self._load_comments(self._query_id(), wanted)
        except (TypeError, ValueError, DomainError):
            return
    # Sanctions in force (rules §3.3.3): kind and dates, never the reason.
    sanctions: list[dict[str, str]] = []

    @rx.event
    async def load(self) -> None:
        try:
            cert = await self._read(public(organizers.certificate),
                                    organizer_id=self._query_id())
            standing = await self._read(public(organizer_standing.public_standing),
                                        organizer_id=self._query_id())
        except DomainError as error:
            self.cert, self.valid, self.error, self.sanctions = {}, False, self._error(error), []
            self.rating, self.comments = {}, []
            return
        locale = self._locale()
        self.sanctions = [{"kind": s.kind.value,
                           "text": gettext(labels.SANCTION_KIND[s.kind], locale),
                           "since": format_date(s.since.date(), locale),
                           "until": format_date(s.until, locale) if s.until else ""}
                          for s in standing.sanctions
                          if s.kind.value != "revoke_qualification"]
        self.error = ""
        self.cert = {"name": cert.legal_name, "kind": cert.kind.value,
                     "registration_number": cert.registration_number,
                     "number": cert.certificate_number,
                     "issued": format_date(cert.issued_at.date(), self._locale())}
        self.valid = cert.valid
        organizer_id = self._query_id()
        self.rating = score_row(await self._read(public(rating_views.organizer_score),
                                                 organizer_id=organizer_id))
        await self._load_comments(organizer_id, 1)


def page() -> rx.Component:
    cert = CertificateState.cert
    kind = rx.match(cert["kind"], *[(key, t(label)) for key, label in KINDS], cert["kind"])
    return public_layout(
        unless_refused(
            CertificateState.error,
            rx.vstack(
                rx.icon("award", size=48, color=rx.color("indigo", 10)),
                rx.text(get_settings().platform_name, size="2", color_scheme="gray",
                        text_transform="uppercase", letter_spacing="0.1em"),
                rx.heading(t("Organizer certificate"), size="8", as_="h1", id="page-title"),
                rx.text(t("This certifies that"), color_scheme="gray"),
                rx.heading(cert["name"], size="6", as_="h2", id="certificate-holder"),
                rx.text(kind, " · ", cert["registration_number"], color_scheme="gray"),
                rx.text(t("is qualified to organize events on this platform."),
                        color_scheme="gray"),
                rx.heading(cert["number"], size="5", as_="p", class_name="tabular",
                           id="certificate-code"),
                rx.text(t("Issued {date}", date=cert["issued"]), size="2"),
                rx.cond(CertificateState.valid,
                        rx.badge(t("Valid"), color_scheme="green", size="3"),
                        rx.badge(t("Revoked"), color_scheme="red", size="3",
                                 id="certificate-revoked")),
                rx.foreach(CertificateState.sanctions, lambda s: rx.badge(
                    s["text"], " · ", t("since {date}", date=s["since"]),
                    rx.cond(s["until"] != "", rx.text(t(" (until {date})", date=s["until"]),
                                                      as_="span")),
                    color_scheme=rx.cond(s["kind"] == "warning", "amber", "red"),
                    variant="soft", size="2", class_name="certificate-sanction")),
                rx.button(rx.icon("printer", size=16), t("Print"), variant="soft",
                          on_click=rx.call_script("window.print()"), class_name="no-print"),
                align="center", text_align="center", spacing="3",
                class_name="surface certificate", margin_top="32px",
            ),
        ),
        rx.cond(CertificateState.error == "", _ratings(), rx.fragment()),
    )


def _comment(row) -> rx.Component:  # noqa: ANN001
    return rx.el.li(
        rx.hstack(rx.text(row["stars"], as_="span", color=rx.color("amber", 10), role="img",
                          aria_label=t("{n} of 5 stars", n=row["n"])),
                  rx.text(row["event"], " · ", row["date"], size="1", color_scheme="gray"),
                  spacing="2", align="center", wrap="wrap"),
        rx.text(row["text"], size="2", white_space="pre-wrap"),
        class_name="rating-comment", style={"listStyle": "none", "padding": "8px 0",
                                            "borderBottom": "1px solid var(--gray-4)"})


def _ratings() -> rx.Component:
    """The organizer's score, how the ratings spread, and what people wrote (latest first)."""
    s = CertificateState
    return rx.vstack(
        rx.heading(t("Ratings from attendees"), size="5", as_="h2"),
        rx.box(score_summary(s.rating), id="organizer-score"),
        rx.cond(s.rating["count"] != "0", distribution(s.rating)),
        rx.cond(s.comments.length() > 0, rx.vstack(
            rx.el.ul(rx.foreach(s.comments, _comment), id="rating-comments",
                     style={"padding": "0", "margin": "0", "width": "100%"}),
            rx.cond(s.comments_pages > 1, rx.hstack(
                rx.icon_button(rx.icon("chevron-left"), variant="soft", size="1",
                               on_click=s.show_comments(s.comments_page - 1),
                               disabled=s.comments_page <= 1,
                               aria_label=t("Previous page")),
                rx.text(t("Page {page} of {pages}", page=s.comments_page,
                          pages=s.comments_pages), size="2"),
                rx.icon_button(rx.icon("chevron-right"), variant="soft", size="1",
                               on_click=s.show_comments(s.comments_page + 1),
                               disabled=s.comments_page >= s.comments_pages,
                               aria_label=t("Next page")),
                align="center", spacing="3")),
            width="100%", spacing="2")),
        class_name="surface no-print", margin_top="16px", width="100%", spacing="3",
        id="certificate-ratings")


ON_LOAD = CertificateState.load
