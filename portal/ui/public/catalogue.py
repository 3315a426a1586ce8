"""The public catalogue: search, filter by category, dates, format, price and city; sort; pages.

The address holds the search, the filters, the order and the page ("/events?city=Shanghai&page=2"),
so a filtered view can be shared, reloaded and gone back to: every change navigates to the new
address and the page loads from it."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import reflex as rx

from portal import links
from portal.domain.ids import parse_id
from portal.domain.money import Money
from portal.domain.timefmt import format_moment
from portal.i18n import N_, gettext
from portal.services import catalogue_cache
from portal.services.paging import PageRequest
from portal.services.runner import public
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.event_view import CATEGORIES, FORMATS, cover_url
from portal.ui.components.feedback import empty_state
from portal.ui.components.table import MAX_KEY, MAX_VALUE, Filter, TableMixin, pager
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.EVENTS
TITLE = N_("Events")
FILTERS = [Filter("category", N_("Category"), tuple(CATEGORIES.items())),
           Filter("format", N_("Format"), tuple(FORMATS.items())),
           Filter("price", N_("Price"), (("free", N_("Free")), ("paid", N_("Paid"))))]
SORTS = (("starts_at", N_("Soonest first")), ("name", N_("Name")), ("price", N_("Price")))


FILTER_KEYS = ("category", "format", "price", "city", "from", "to")
SORT_KEYS = tuple(key for key, _label in SORTS)


class CatalogueState(TableMixin, SessionState):
    page_size: int = 10
    cities: list[str] = []  # of the events in the catalogue, for the city filter
    form_key: str = "0"  # new when the address, not typing, set the filters: inputs re-read them
    _own_change: bool = False

    @rx.event
    async def load(self) -> None:
        """Every visit and every change of the address: the view it names, then that page."""
        query = self.router.url.query_parameters
        self.search = query.get("q", "")[:200]
        self.filters = {key: query[key][:MAX_VALUE] for key in FILTER_KEYS if query.get(key)}
        sort = query.get("sort", "")[:MAX_KEY]
        self.sort = sort if sort in SORT_KEYS else ""
        self.descending = False
        self.page = min(parse_id(query.get("page", "")) or 1, 1_000_000)
        if not self._own_change:
            self.form_key = str(int(self.form_key) + 1)
        self._own_change = False
        self.cities = await self._read(public(catalogue_cache.catalogue_cities))
        await self._reload()

    def _address(self) -> str:
        params = {"q": self.search.strip(), **self.filters, "sort": self.sort,
                  "page": str(self.page) if self.page > 1 else ""}
        query = urlencode({key: value for key, value in params.items() if value})
        return routes.EVENTS + (f"?{query}" if query else "")

    def _go(self) -> rx.event.EventSpec:
        """To the address of the view now chosen (its load fetches it): one step of Back."""
        self._own_change = True
        return rx.redirect(self._address())

    @rx.event
    async def sort_by(self, key: str) -> rx.event.EventSpec | None:  # type: ignore[override]
        key = str(key)[:MAX_KEY]
        if key not in SORT_KEYS:
            return None
        self.sort, self.page = ("" if key == "starts_at" else key), 1
        return self._go()

    @rx.event
    async def search_for(self, text: str) -> rx.event.EventSpec:  # type: ignore[override]
        """Typing fetches in place and only rewrites the address: not one step of Back per
        word, and a card clicked before the pause is not pulled back to the list."""
        self.search, self.page = str(text)[:200], 1
        await self._reload()
        return rx.call_script(
            f"if (window.location.pathname.replace(/\\/$/, '') === {json.dumps(routes.EVENTS)})"
            f" window.history.replaceState(window.history.state, '', "
            f"{json.dumps(self._address())})")

    @rx.event
    async def filter_by(self, key: str, value: str  # type: ignore[override]
                        ) -> rx.event.EventSpec | None:
        key, value = str(key)[:MAX_KEY], str(value)[:MAX_VALUE]
        if key not in FILTER_KEYS:
            return None
        self.filters = {k: v for k, v in {**self.filters, key: value}.items()
                        if v and v != "all"}
        self.page = 1
        return self._go()

    @rx.event
    async def go_to_page(self, page: int) -> rx.event.EventSpec | None:  # type: ignore[override]
        try:
            self.page = max(1, min(int(page), 1_000_000))
        except (TypeError, ValueError):
            return None
        return self._go()

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        settings, locale = get_settings(), self._locale()
        page = await self._read(public(catalogue_cache.catalogue), request=request,
                                time_zone=settings.time_zone)
        return [
            {"id": str(c.id), "name": c.name, "summary": c.summary,
             "href": links.event(c.id, c.name),
             "category": gettext(CATEGORIES.get(c.category, c.category), locale),
             "format": gettext(FORMATS[c.format.value], locale), "city": c.city,
             "starts": format_moment(c.starts_at, c.time_zone, locale),
             "price": Money(c.currency, c.total_fee_minor).format(locale)
             if c.total_fee_minor else gettext("Free", locale), "organizer": c.organizer,
             "cover": cover_url(c.id) if c.has_cover else ""}
            for c in page.items
        ], page.total


def _cover(row) -> rx.Component:  # noqa: ANN001
    """The event's cover, or a calm placeholder of the same size: every card lines up."""
    return rx.cond(
        row["cover"] != "",
        rx.image(src=row["cover"], alt="", class_name="card-cover", loading="lazy"),
        rx.box(rx.icon("calendar-days", size=28), class_name="card-cover card-cover-empty",
               aria_hidden="true"),
    )


def _card(row) -> rx.Component:  # noqa: ANN001
    return rx.link(
        _cover(row),
        rx.vstack(
            rx.flex(rx.badge(row["category"]), rx.badge(row["format"], variant="soft"),
                    spacing="2", wrap="wrap"),
            rx.heading(row["name"], size="4", as_="h2", class_name="card-title"),
            rx.text(row["summary"], size="2", color_scheme="gray", class_name="card-summary"),
            rx.box(rx.icon("calendar", size=14, flex_shrink="0"),
                   rx.text(row["starts"], size="2"), class_name="card-meta"),
            rx.cond(row["city"] != "", rx.box(rx.icon("map-pin", size=14, flex_shrink="0"),
                                              rx.text(row["city"], size="2"),
                                              class_name="card-meta")),
            rx.flex(rx.text(row["organizer"], size="1", color_scheme="gray",
                            class_name="card-organizer"),
                    rx.text(row["price"], weight="bold", class_name="tabular card-price"),
                    class_name="card-foot"),
            spacing="2", align="start", class_name="card-body",
        ),
        href=row["href"], class_name="surface event-card", underline="none",
    )


def _select(label: str, key: str, options: rx.Component, suffix: str) -> rx.Component:
    value = CatalogueState.filters[key].to(str)
    return rx.vstack(
        rx.el.label(t(label), html_for=f"filter-{key}{suffix}", class_name="filter-label"),
        rx.select.root(
            rx.select.trigger(placeholder=t(label), aria_label=t(label),
                              id=f"filter-{key}{suffix}", width="100%"),
            rx.select.content(rx.select.item(t("All"), value="all"), options),
            value=rx.cond(value, value, "all"),  # a filter not chosen is not in the dict
            on_change=lambda choice: CatalogueState.filter_by(key, choice),
        ),
        spacing="1", class_name="filter-field")


def _date(label: str, key: str, suffix: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label), html_for=f"filter-{key}{suffix}", class_name="filter-label"),
        rx.input(type="date", aria_label=t(label), id=f"filter-{key}{suffix}",
                 default_value=CatalogueState.filters[key].to(str),
                 key=CatalogueState.form_key + key,
                 on_change=lambda value: CatalogueState.filter_by(key, value), width="100%"),
        spacing="1", class_name="filter-field")


def _filters(suffix: str = "") -> rx.Component:
    """The filters, once for the desktop bar and once for the phone's sheet (`suffix`)."""
    chosen = [_select(spec.label, spec.key, rx.fragment(
        *[rx.select.item(t(name), value=value) for value, name in spec.options]), suffix)
        for spec in FILTERS]
    # Cities come from the events, so the choices are data, not messages. (A city named
    # exactly "all" would read as no filter: that is the select's own value for none.)
    city = _select(N_("City"), "city", rx.foreach(
        CatalogueState.cities, lambda name: rx.select.item(name, value=name)), suffix)
    return rx.box(*chosen, rx.cond(CatalogueState.cities.length() > 0, city),
                  _date(N_("From"), "from", suffix), _date(N_("Until"), "to", suffix),
                  class_name="filter-grid")


def _sheet() -> rx.Component:
    """On phones the filters wait in a sheet from the bottom, behind one button."""
    count = CatalogueState.filters.length()
    return rx.drawer.root(
        rx.drawer.trigger(rx.button(
            rx.icon("sliders-horizontal", size=16), t("Filters"),
            rx.cond(count > 0, rx.badge(count.to_string(), variant="solid", radius="full")),
            variant="soft", class_name="mobile-only", id="open-filters")),
        rx.drawer.overlay(z_index="40"),
        rx.drawer.portal(rx.drawer.content(
            rx.vstack(
                rx.flex(rx.heading(t("Filters"), size="4", as_="h2"), rx.spacer(),
                        rx.drawer.close(rx.icon_button(rx.icon("x"), variant="ghost",
                                                       aria_label=t("Close"))),
                        width="100%", align="center"),
                _filters("-sheet"),
                rx.drawer.close(rx.button(t("Show {count} events",
                                            count=CatalogueState.total.to_string()),
                                          size="3", width="100%", id="show-results")),
                spacing="4", width="100%"),
            class_name="sheet-panel", z_index="50")),
        direction="bottom",
    )


def _toolbar() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.input(rx.input.slot(rx.icon("search", size=16)), placeholder=t("Search events"),
                     aria_label=t("Search events"), type="search", max_length=200,
                     default_value=CatalogueState.search, key=CatalogueState.form_key,
                     on_change=CatalogueState.search_for.debounce(400), size="3",
                     class_name="catalogue-search"),
            rx.select.root(
                rx.select.trigger(aria_label=t("Sort"), id="sort"),
                rx.select.content(*[rx.select.item(t(label), value=key)
                                    for key, label in SORTS]),
                value=rx.cond(CatalogueState.sort != "", CatalogueState.sort, "starts_at"),
                on_change=CatalogueState.sort_by, size="3",
            ),
            _sheet(),
            spacing="2", width="100%", align="center", wrap="wrap"),
        rx.box(_filters(), class_name="desktop-only", width="100%"),
        spacing="3", width="100%", class_name="surface catalogue-filters",
    )


def page() -> rx.Component:
    return public_layout(
        rx.vstack(
            rx.heading(t("Events"), size="8", as_="h1", id="page-title", margin_top="24px"),
            _toolbar(),
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
