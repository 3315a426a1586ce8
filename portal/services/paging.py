"""Server-side sorting, filtering and pagination that every table screen shares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, ValidationError, field_validator
from sqlalchemy import func, or_, select
from sqlalchemy.sql import Select
from sqlmodel import Session

from portal.domain.errors import Invalid

T = TypeVar("T")
PAGE_SIZES = (10, 25, 50, 100)
MAX_SEARCH = 200


class PageRequest(BaseModel):
    """What a table asks for. Built from client input, so every field is checked."""

    page: int = Field(default=1, ge=1, le=1_000_000)
    page_size: int = 25
    sort: str = ""
    descending: bool = False
    search: str = Field(default="", max_length=MAX_SEARCH)
    filters: dict[str, str] = Field(default_factory=dict)

    @field_validator("page_size")
    @classmethod
    def _page_size(cls, value: int) -> int:
        if value not in PAGE_SIZES:
            raise ValueError(f"page size must be one of {PAGE_SIZES}")
        return value

    @field_validator("search")
    @classmethod
    def _search(cls, value: str) -> str:
        return value.strip()

    @classmethod
    def parse(cls, **raw: Any) -> PageRequest:
        try:
            return cls.model_validate(raw)
        except ValidationError as error:
            problem = error.errors()[0]["msg"]
            raise Invalid("Invalid table request: {problem}", problem=problem) from None


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def like_pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def day_bound(value: str, time_zone: str, *, end: bool) -> datetime:
    """The start (or, with `end`, the end) of a day typed as YYYY-MM-DD, in `time_zone`, as
    UTC: date filters compare in SQL against the whole day the reader means."""
    try:
        day = date.fromisoformat(value.strip()) + timedelta(days=1 if end else 0)
        return datetime.combine(day, time(), tzinfo=ZoneInfo(time_zone)).astimezone(UTC)
    except (ValueError, OverflowError):
        raise Invalid("Enter dates as YYYY-MM-DD.") from None


# A column or SQL expression. SQLModel types model attributes as their Python values, so
# callers' columns cannot be checked more precisely than this.
Column = Any


def paginate(
    session: Session,
    statement: Select,
    request: PageRequest,
    *,
    sortable: Mapping[str, Column],
    default_sort: str,
    searchable: tuple[Column, ...] = (),
    filters: Mapping[str, Callable[[str], Any]] | None = None,
    tiebreaker: Column,
) -> tuple[list[Any], int]:
    """Rows of one page and the total count, both computed in SQL (two queries)."""
    if request.sort and request.sort not in sortable:
        raise Invalid("Cannot sort by {key}.", key=repr(request.sort))
    for key in request.filters:
        if not filters or key not in filters:
            raise Invalid("Cannot filter by {key}.", key=repr(key))
    if request.search and searchable:
        pattern = like_pattern(request.search)
        statement = statement.where(
            or_(*(func.lower(column).like(pattern, escape="\\") for column in searchable))
        )
    for key, value in request.filters.items():
        if value:
            statement = statement.where(filters[key](value))  # type: ignore[index]
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()[0]
    column = sortable[request.sort or default_sort]
    order = column.desc() if request.descending else column.asc()
    statement = statement.order_by(order, tiebreaker.asc())
    statement = statement.offset((request.page - 1) * request.page_size).limit(request.page_size)
    rows = list(session.exec(statement).all())
    return rows, int(total)
