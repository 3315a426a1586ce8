"""The data table: server-side search, filters, sorting and pagination.

A page's substate mixes in `TableMixin` and implements `_fetch`, which calls one service with
the actor resolved from the session. Every handler parses its arguments: the client may send
anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services.paging import PAGE_SIZES, PageRequest
from portal.ui.components.feedback import empty_state, loading_state, unless_refused
from portal.ui.i18n import t

MAX_KEY = 40
MAX_VALUE = 254  # the longest filter value a screen sends: an email address


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # msgid
    sortable: bool = False
    render: object = None  # callable(row Var) -> Component; default: the text of row[key]


@dataclass(frozen=True)
class Filter:
    key: str
    label: str  # msgid
    options: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (value, msgid)


class TableMixin(rx.State, mixin=True):
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    page_size: int = 25
    sort: str = ""
    descending: bool = False
    search: str = ""
    filters: dict[str, str] = {}
    loading: bool = True
    error: str = ""

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        """One read use case through the runner (`await self._read(...)`)."""
        raise NotImplementedError

    async def _reload(self) -> None:
        self.loading = True
        try:
            request = PageRequest.parse(
                page=self.page, page_size=self.page_size, sort=self.sort,
                descending=self.descending, search=self.search,
                filters={k: v for k, v in self.filters.items() if v},
            )
            self.rows, self.total = await self._fetch(request)
            self.error = ""
            last_page = max(1, -(-self.total // self.page_size))
            if self.page > last_page:
                self.page = last_page
                request = request.model_copy(update={"page": last_page})
                self.rows, self.total = await self._fetch(request)
        except DomainError as error:
            self.rows, self.total, self.error = [], 0, error.localized(self._locale())
        finally:
            self.loading = False

    @rx.event
    async def load_table(self) -> None:
        await self._reload()

    @rx.event
    async def sort_by(self, key: str) -> None:
        key = str(key)[:MAX_KEY]
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = key, False
        self.page = 1
        await self._reload()

    @rx.event
    async def search_for(self, text: str) -> None:
        self.search = str(text)[:200]
        self.page = 1
        await self._reload()

    @rx.event
    async def filter_by(self, key: str, value: str) -> None:
        key, value = str(key)[:MAX_KEY], str(value)[:MAX_VALUE]
        self.filters = {**self.filters, key: "" if value == "all" else value}
        self.page = 1
        await self._reload()

    @rx.event
    async def go_to_page(self, page: int) -> None:
        try:
            self.page = max(1, min(int(page), 1_000_000))
        except (TypeError, ValueError):
            return
        await self._reload()

    @rx.event
    async def set_rows_per_page(self, size: str) -> None:
        try:
            value = int(size)
        except (TypeError, ValueError):
            return
        if value in PAGE_SIZES:
            self.page_size, self.page = value, 1
            await self._reload()

    @rx.var
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @rx.var
    def range_text(self) -> str:
        if self.total == 0:
            return "0"
        first = (self.page - 1) * self.page_size + 1
        return f"{first}–{min(self.total, self.page * self.page_size)}"


def _header_cell(state: type[TableMixin], column: Column) -> rx.Component:
    if not column.sortable:
        return rx.table.column_header_cell(t(column.label), scope="col")
    active = state.sort == column.key
    icon = rx.cond(
        active,
        rx.cond(state.descending, rx.icon("arrow-down", size=14), rx.icon("arrow-up", size=14)),
        rx.icon("arrow-up-down", size=14, opacity="0.4"),
    )
    return rx.table.column_header_cell(
        rx.el.button(
            t(column.label), icon, on_click=state.sort_by(column.key), class_name="sort-button",
            type="button",
        ),
        scope="col",
        aria_sort=rx.cond(active, rx.cond(state.descending, "descending", "ascending"), "none"),
    )


def filter_select(state: type[TableMixin], spec: Filter) -> rx.Component:
    select = rx.select.root(
        rx.select.trigger(placeholder=t(spec.label), aria_label=t(spec.label)),
        rx.select.content(
            rx.select.item(t("All"), value="all"),
            *[rx.select.item(t(label), value=value) for value, label in spec.options],
        ),
        value=rx.cond(state.filters[spec.key], state.filters[spec.key], "all"),
        on_change=lambda value: state.filter_by(spec.key, value),
    )
    return rx.hstack(rx.text(t(spec.label), size="2", color_scheme="gray"), select,
                     align="center", spacing="2")


def text_filter(state: type[TableMixin], key: str, label: str, **props: object
                ) -> rx.Component:
    """A typed filter value (a number, part of an address); the service checks it."""
    return rx.input(placeholder=t(label), aria_label=t(label), max_length=MAX_VALUE,
                    default_value=state.filters[key].to(str),
                    on_change=lambda value: state.filter_by(key, value).debounce(300), **props)


def date_filter(state: type[TableMixin], key: str, label: str) -> rx.Component:
    """A day, sent as YYYY-MM-DD; the service reads it in the platform's time zone."""
    return rx.hstack(
        rx.text(t(label), size="2", color_scheme="gray"),
        rx.input(type="date", aria_label=t(label), id=f"filter-{key}",
                 on_change=lambda value: state.filter_by(key, value)),
        align="center", spacing="2")


def _toolbar(state: type[TableMixin], filters: list[Filter], search_label: str,
             controls: list[rx.Component]) -> rx.Component:
    return rx.flex(
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            placeholder=t(search_label),
            aria_label=t(search_label),
            default_value=state.search,
            on_change=state.search_for.debounce(300),
            max_length=200,
            type="search",
            min_width="220px",
            flex="1",
        ),
        *[filter_select(state, spec) for spec in filters],
        *controls,
        spacing="2",
        wrap="wrap",
        width="100%",
    )


def pager(state: type[TableMixin]) -> rx.Component:
    return rx.flex(
        rx.text(t("{range} of {total}", range=state.range_text, total=state.total),
                size="2", color_scheme="gray"),
        rx.spacer(),
        rx.select(
            [str(size) for size in PAGE_SIZES], value=state.page_size.to_string(),
            on_change=state.set_rows_per_page, size="1", aria_label=t("Rows per page"),
        ),
        rx.icon_button(rx.icon("chevron-left"), variant="soft", size="1",
                       on_click=state.go_to_page(state.page - 1),
                       disabled=state.page <= 1, aria_label=t("Previous page")),
        rx.text(t("Page {page} of {pages}", page=state.page, pages=state.page_count), size="2"),
        rx.icon_button(rx.icon("chevron-right"), variant="soft", size="1",
                       on_click=state.go_to_page(state.page + 1),
                       disabled=state.page >= state.page_count, aria_label=t("Next page")),
        align="center",
        spacing="3",
        wrap="wrap",
        width="100%",
    )


def data_table(
    state: type[TableMixin],
    columns: list[Column],
    *,
    filters: list[Filter] | None = None,
    search_label: str = N_("Search"),
    empty_title: str = N_("Nothing here yet"),
    empty_icon: str = "inbox",
    controls: list[rx.Component] | None = None,
) -> rx.Component:
    """`controls`: more filters after the selects (text_filter, date_filter)."""
    def row(item) -> rx.Component:  # noqa: ANN001
        # On phones each row becomes a card: the first column is its title, the others are
        # labelled by their column (data-label), actions last and full width (styles.css).
        return rx.table.row(
            *[
                rx.table.cell(column.render(item) if column.render else item[column.key],
                              custom_attrs={"data-label": t(column.label)},
                              class_name="cell-primary" if index == 0 else "")
                for index, column in enumerate(columns)
            ]
        )

    table = rx.table.root(
        rx.table.header(rx.table.row(*[_header_cell(state, c) for c in columns])),
        rx.table.body(rx.foreach(state.rows, row)),
        variant="surface",
        width="100%",
        class_name="data-table",
    )
    body = unless_refused(
        state.error,
        rx.cond(
            state.loading & (state.total == 0),
            loading_state(),
            rx.cond(
                state.total == 0,
                empty_state(empty_icon, t(empty_title)),
                rx.vstack(rx.box(table, class_name="table-scroll", width="100%"),
                          pager(state), spacing="3", width="100%"),
            ),
        ),
    )
    sortable = [c for c in columns if c.sortable]
    extra = [*(controls or []), *([phone_sort(state, sortable)] if sortable else [])]
    return rx.vstack(_toolbar(state, filters or [], search_label, extra), body,
                     spacing="3", width="100%")


def phone_sort(state: type[TableMixin], columns: list[Column]) -> rx.Component:
    """On phones the column headers are hidden (rows are cards): sorting is a select."""
    return rx.hstack(
        rx.select.root(
            rx.select.trigger(placeholder=t("Sort by"), aria_label=t("Sort by")),
            rx.select.content(*[rx.select.item(t(c.label), value=c.key) for c in columns]),
            value=rx.cond(state.sort != "", state.sort, rx.Var.create(columns[0].key)),
            on_change=state.sort_by),
        rx.icon_button(
            rx.cond(state.descending, rx.icon("arrow-down", size=16),
                    rx.icon("arrow-up", size=16)),
            variant="soft", on_click=state.sort_by(state.sort), aria_label=t("Reverse order"),
            type="button"),
        spacing="2", align="center", class_name="phone-only")
