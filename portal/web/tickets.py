"""A ticket as a file: the printable PDF and the calendar entry (.ics). The ticket use case
decides who may have it (the holder, the organizer's members, reviews staff); everyone else,
signed in or not, gets the same "not found" as for a code that does not exist."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError
from portal.i18n import normalize_locale
from portal.services import accounts, registration_views, ticket_text
from portal.services.ticket_files import ticket_ics, ticket_pdf
from portal.settings import get_settings
from portal.web.use_case import read

LOCALE_COOKIE = "portal_locale"  # written by the browser when its reader switches language
PRIVATE = "private, no-store"  # a ticket is a personal document: no shared or stored copy


async def reader_locale(request: Request) -> str:
    """The language the reader sees the site in; else the one stored on their account."""
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen:
        return normalize_locale(chosen)
    try:
        return normalize_locale((await read(request, accounts.get_profile)).locale)
    except DomainError:
        return normalize_locale(get_settings().default_locale)


async def _ticket(request: Request) -> registration_views.TicketDetail | None:
    code = str(request.path_params.get("code", ""))[:64]
    try:
        return await read(request, registration_views.ticket, code=code)
    except DomainError:
        return None


def _file(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": PRIVATE, "X-Content-Type-Options": "nosniff"})


async def ticket_pdf_file(request: Request) -> Response:
    detail = await _ticket(request)
    if detail is None:
        return Response("Not found", status_code=404, headers={"Cache-Control": PRIVATE})
    locale = await reader_locale(request)

    def render() -> bytes:  # reportlab is CPU work: kept off the event loop
        return ticket_pdf(ticket_text.ticket_view(detail, locale),
                          labels=ticket_text.pdf_labels(locale),
                          when=ticket_text.when(detail, locale))

    return _file(await run_in_threadpool(render), "application/pdf", f"ticket-{detail.code}.pdf")


async def ticket_calendar_file(request: Request) -> Response:
    detail = await _ticket(request)
    if detail is None:
        return Response("Not found", status_code=404, headers={"Cache-Control": PRIVATE})
    locale = await reader_locale(request)
    content = ticket_ics(ticket_text.ticket_view(detail, locale),
                         prodid_host=ticket_text.calendar_host(),
                         labels=ticket_text.pdf_labels(locale))
    return _file(content, "text/calendar; charset=utf-8", f"ticket-{detail.code}.ics")
