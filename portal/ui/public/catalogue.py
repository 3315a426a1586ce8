"""The public catalogue: search, filter by category, dates, format, price and city; sort; pages."""

from __future__ import annotations

import reflex as rx

from portal.domain.money import Money
from portal.domain.timefmt import format_datetime
from portal.i18n import N_, gettext
from portal.services import catalogue_cache
from portal.services.paging import PageRequest
from portal.services.runner import public
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.event_view import CATEGORIES, FORMATS, cover_url
from portal.ui.components.feedback import empty_state
from portal.ui.components.table import Filter, TableMixin, filter_select, pager
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.EVENTS
TITLE = N_("Events")
FILTERS = [Filter("category", N_("Category"), tuple(CATEGORIES.items())),
           Filter("format", N_("Format"), tuple(FORMATS.items())),
           Filter("price", N_("Price"), (("free", N_("Free")), ("paid", N_("Paid"))))]
SORTS = (("starts_at", N_("Soonest first")), ("name", N_("Name")), ("price", N_("Price")))


class CatalogueState(TableMixin, SessionState):
    page_size: int = 10
    cities: list[str] = []  # of the events in the catalogue, for the city filter

    @rx.event
    async def load(self) -> None:
        """The page's first event: the cities to choose from, then the first page."""
        self.cities = await self._read(public(catalogue_cache.catalogue_cities))
        await self._reload()

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        settings, locale = get_settings(), self._locale()
        page = await self._read(public(catalogue_cache.catalogue), request=request,
                                time_zone=settings.time_zone)
        return [
            {"id": str(c.id), "name": c.name, "summary": c.summary,
             "category": gettext(CATEGORIES.get(c.category, c.category), locale),
             "format": gettext(FORMATS[c.format.value], locale), "city": c.city,
             "starts": format_datetime(c.starts_at, c.time_zone, locale),
             "price": Money(c.currency, c.total_fee_minor).format(locale)
             if c.total_fee_minor else gettext("Free", locale), "organizer": c.organizer,
             "cover": cover_url(c.id) if c.has_cover else ""}
            for c in page.items
        ], page.total


def _card(row) -> rx.Component:  # noqa: ANN001
    return rx.link(
        rx.vstack(
            rx.cond(row["cover"] != "", rx.image(src=row["cover"], alt="", width="100%",
                                                 height="140px", object_fit="cover",
                                                 border_radius="8px")),
            rx.flex(rx.badge(row["category"]), rx.badge(row["format"], variant="soft"),
                    gap="2", wrap="wrap"),
            rx.heading(row["name"], size="4", as_="h2"),
            rx.text(row["summary"], size="2", color_scheme="gray"),
            rx.flex(rx.icon("calendar", size=14), rx.text(row["starts"], size="2"),
                    rx.cond(row["city"] != "", rx.hstack(rx.icon("map-pin", size=14),
                                                         rx.text(row["city"], size="2"),
                                                         spacing="1", align="center")),
                    gap="2", wrap="wrap", align="center"),
            rx.flex(rx.text(row["organizer"], size="1", color_scheme="gray"), rx.spacer(),
                    rx.text(row["price"], weight="bold", class_name="tabular"),
                    width="100%", align="center", gap="2", wrap="wrap"),
            spacing="2", align="start", height="100%",
        ),
        href=f"{routes.EVENT}?id=" + row["id"], class_name="surface event-card",
        underline="none",
    )


def _city_filter() -> rx.Component:
    """Cities come from the events, so the choices are data, not messages. (A city named
    exactly "all" would read as no filter: that is the select's own value for none.)"""
    label = t("City")
    city = CatalogueState.filters["city"].to(str)
    return rx.hstack(
        rx.text(label, size="2", color_scheme="gray"),
        rx.select.root(
            rx.select.trigger(placeholder=label, aria_label=label, id="filter-city"),
            rx.select.content(
                rx.select.item(t("All"), value="all"),
                rx.foreach(CatalogueState.cities,
                           lambda name: rx.select.item(name, value=name)),
            ),
            value=rx.cond(city, city, "all"),
            on_change=lambda value: CatalogueState.filter_by("city", value),
        ),
        align="center", spacing="2",
    )


def page() -> rx.Component:
    filters = rx.flex(
        rx.input(rx.input.slot(rx.icon("search", size=16)), placeholder=t("Search events"),
                 aria_label=t("Search events"), type="search", max_length=200,
                 on_change=CatalogueState.search_for.debounce(300), min_width="220px",
                 flex="1"),
        *[filter_select(CatalogueState, spec) for spec in FILTERS],
        rx.cond(CatalogueState.cities.length() > 0, _city_filter()),
        rx.hstack(rx.text(t("From"), size="2", color_scheme="gray"),
                  rx.input(type="date", aria_label=t("From"),
                           on_change=lambda v: CatalogueState.filter_by("from", v)),
                  align="center", spacing="2"),
        rx.hstack(rx.text(t("Until"), size="2", color_scheme="gray"),
                  rx.input(type="date", aria_label=t("Until"),
                           on_change=lambda v: CatalogueState.filter_by("to", v)),
                  align="center", spacing="2"),
        rx.select.root(
            rx.select.trigger(aria_label=t("Sort")),
            rx.select.content(*[rx.select.item(t(label), value=key) for key, label in SORTS]),
            value=rx.cond(CatalogueState.sort != "", CatalogueState.sort, "starts_at"),
            on_change=CatalogueState.sort_by,
        ),
        gap="2", wrap="wrap", width="100%",
    )
    return public_layout(
        rx.vstack(
            rx.heading(t("Events"), size="8", as_="h1", id="page-title", margin_top="24px"),
            filters,
            rx.cond(CatalogueState.error != "",
                    rx.callout(CatalogueState.error, icon="circle-alert", color_scheme="red")),
            rx.cond(
                CatalogueState.total == 0,
                rx.box(empty_state("calendar-search", t("No events match"),
                                   t("Try other filters or another date.")),
                       class_name="surface", width="100%"),
                rx.vstack(rx.box(rx.foreach(CatalogueState.rows, _card), class_name="card-grid",
                                 width="100%", id="catalogue"),
                          pager(CatalogueState), width="100%", spacing="3"),
            ),
            spacing="4", width="100%",
        )
    )


ON_LOAD = CatalogueState.load
