"""Authorised downloads of private files: the session cookie decides, as for every handler."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError
from portal.domain.ids import parse_id
from portal.services import complaint_files, event_covers, organizers, supervision_views
from portal.web.use_case import read
from portal.wiring import file_store


async def qualification_document(request: Request) -> Response:
    return await _serve(request, "document_id", organizers.open_document)


async def _serve(request: Request, key: str, service) -> Response:  # noqa: ANN001
    """A private file by the id in the path, through a service that checks who may read it;
    anyone else (and a missing file) gets the same 404."""
    ident = parse_id(request.path_params.get(key))
    if ident is None:
        return Response("Not found", status_code=404)
    try:
        found, content = await read(request, service, store=file_store(), **{key: ident})
    except (DomainError, OSError):  # OSError: missing, or no key opens it
        return Response("Not found", status_code=404)
    return _private(content, found.content_type, found.filename)


def _private(content: bytes, content_type: str, filename: str) -> Response:
    """A private file shown in the browser, never cached, never able to run anything."""
    return Response(content, media_type=content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    })


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
    except (DomainError, OSError):  # OSError: missing, or no key opens it
        return Response("Not found", status_code=404)
    return _private(content, content_type, filename)


async def complaint_file(request: Request) -> Response:
    """Complaint evidence: staff, or the complainant / organizer member the entry is for."""
    return await _serve(request, "file_id", complaint_files.open_complaint_file)


async def event_cover(request: Request) -> Response:
    event_id = parse_id(request.path_params.get("event_id"))
    if event_id is None:
        return Response("Not found", status_code=404)
    try:
        content_type, content = await read(request, event_covers.open_cover,
                                           event_id=event_id, store=file_store())
    except (DomainError, OSError):  # OSError: missing, or no key opens it
        return Response("Not found", status_code=404)
    return Response(content, media_type=content_type, headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300",
        "Content-Security-Policy": "default-src 'none'; sandbox"})
