"""Downloads of the organizer's registration pages: the list as CSV or Excel, and the files
registrants attached to their answers. The session cookie decides, as for every handler; anyone
not allowed gets the same 404 as for an id that does not exist."""

from __future__ import annotations

from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError
from portal.domain.ids import parse_id
from portal.i18n import normalize_locale
from portal.services import registration_admin
from portal.web.use_case import read
from portal.wiring import file_store

LOCALE_COOKIE = "portal_locale"  # written by the browser's language switch
FORMATS = {"csv": ("text/csv; charset=utf-8", registration_admin.to_csv),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    registration_admin.to_xlsx)}
PRIVATE = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


def _attachment(filename: str, *, inline: bool = False) -> dict[str, str]:
    kind = "inline" if inline else "attachment"
    return {"Content-Disposition": f"{kind}; filename*=UTF-8''{quote(filename)}", **PRIVATE}


async def _export(request: Request, kind: str) -> Response:
    event_id = parse_id(request.path_params.get("event_id"))
    if event_id is None:
        return Response("Not found", status_code=404)
    locale = normalize_locale(request.cookies.get(LOCALE_COOKIE, "en"))
    try:
        headers, rows = await read(request, registration_admin.export_rows, event_id=event_id,
                                   locale=locale)
    except DomainError:
        return Response("Not found", status_code=404)
    media_type, render = FORMATS[kind]
    content = await run_in_threadpool(render, headers, rows)  # a large event takes a moment
    return Response(content, media_type=media_type,
                    headers=_attachment(f"registrations-{event_id}.{kind}"))


async def registrations_csv(request: Request) -> Response:
    return await _export(request, "csv")


async def registrations_xlsx(request: Request) -> Response:
    return await _export(request, "xlsx")


async def answer_file(request: Request) -> Response:
    answer_id = parse_id(request.path_params.get("answer_id"))
    if answer_id is None:
        return Response("Not found", status_code=404)
    try:
        content_type, filename, content = await read(
            request, registration_admin.open_answer_file, answer_id=answer_id,
            store=file_store())
    except (DomainError, OSError):  # OSError: missing, or no key opens it
        return Response("Not found", status_code=404)
    return Response(content, media_type=content_type, headers={
        **_attachment(filename, inline=True),
        "Content-Security-Policy": "default-src 'none'; sandbox"})
