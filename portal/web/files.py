"""Authorised downloads of private files: the session cookie decides, as for every handler."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError
from portal.services import events, organizers
from portal.services.files import FileStore
from portal.web.use_case import read

MAX_ID = 2**63 - 1


def path_id(request: Request, name: str) -> int:
    """A database id from the address; 0 (nothing has it) for anything else."""
    raw = str(request.path_params.get(name, ""))
    value = int(raw) if raw.isdigit() and len(raw) <= 19 else 0
    return value if value <= MAX_ID else 0


async def qualification_document(request: Request) -> Response:
    document_id = path_id(request, "document_id")
    if not document_id:
        return Response("Not found", status_code=404)
    try:
        document, content = await read(request, organizers.open_document,
                                       document_id=document_id)
    except (DomainError, FileNotFoundError):
        return Response("Not found", status_code=404)
    return Response(content, media_type=document.content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(document.filename)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    })


async def event_cover(request: Request) -> Response:
    event_id = path_id(request, "event_id")
    if not event_id:
        return Response("Not found", status_code=404)
    try:
        content_type, content = await read(request, events.open_cover, event_id=event_id,
                                           store=FileStore())
    except (DomainError, FileNotFoundError):
        return Response("Not found", status_code=404)
    return Response(content, media_type=content_type, headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300",
        "Content-Security-Policy": "default-src 'none'; sandbox"})
