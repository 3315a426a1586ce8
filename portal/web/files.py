"""Authorised downloads of private files: the session cookie decides, as for every handler."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError
from portal.domain.ids import parse_id
from portal.services import event_covers, organizers, supervision_views
from portal.web.use_case import read
from portal.wiring import file_store


def _private_file(content: bytes, content_type: str, filename: str) -> Response:
    return Response(content, media_type=content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    })


async def qualification_document(request: Request) -> Response:
    document_id = parse_id(request.path_params.get("document_id"))
    if document_id is None:
        return Response("Not found", status_code=404)
    try:
        document, content = await read(request, organizers.open_document,
                                       document_id=document_id, store=file_store())
    except (DomainError, FileNotFoundError):
        return Response("Not found", status_code=404)
    return _private_file(content, document.content_type, document.filename)


async def notice_evidence(request: Request) -> Response:
    """A file sent with an answer to a rectification notice: supervising staff and the
    organizer's members only."""
    evidence_id = parse_id(request.path_params.get("evidence_id"))
    if evidence_id is None:
        return Response("Not found", status_code=404)
    try:
        filename, content_type, content = await read(
            request, supervision_views.read_evidence, evidence_id=evidence_id,
            store=file_store())
    except (DomainError, FileNotFoundError):
        return Response("Not found", status_code=404)
    return _private_file(content, content_type, filename)


async def event_cover(request: Request) -> Response:
    event_id = parse_id(request.path_params.get("event_id"))
    if event_id is None:
        return Response("Not found", status_code=404)
    try:
        content_type, content = await read(request, event_covers.open_cover,
                                           event_id=event_id, store=file_store())
    except (DomainError, FileNotFoundError):
        return Response("Not found", status_code=404)
    return Response(content, media_type=content_type, headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300",
        "Content-Security-Policy": "default-src 'none'; sandbox"})
