"""Authorised downloads of private files: the session cookie decides, as for every handler."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from portal.db import session_scope
from portal.domain.errors import DomainError
from portal.services import event_covers, organizers
from portal.services.sessions import resolve_actor
from portal.web.auth import SESSION_COOKIE
from portal.wiring import file_store


async def qualification_document(request: Request) -> Response:
    try:
        document_id = int(request.path_params["document_id"])
    except (KeyError, ValueError):
        return Response("Not found", status_code=404)
    try:
        with session_scope() as session:
            actor = resolve_actor(session, request.cookies.get(SESSION_COOKIE))
            document, content = organizers.open_document(session, actor,
                                                         document_id=document_id,
                                                         store=file_store())
    except (DomainError, FileNotFoundError):
        return Response("Not found", status_code=404)
    return Response(content, media_type=document.content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(document.filename)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    })


async def event_cover(request: Request) -> Response:
    try:
        event_id = int(request.path_params["event_id"])
    except (KeyError, ValueError):
        return Response("Not found", status_code=404)
    try:
        with session_scope() as session:
            actor = resolve_actor(session, request.cookies.get(SESSION_COOKIE))
            content_type, content = event_covers.open_cover(session, actor, event_id=event_id,
                                                      store=file_store())
    except (DomainError, FileNotFoundError):
        return Response("Not found", status_code=404)
    return Response(content, media_type=content_type, headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300",
        "Content-Security-Policy": "default-src 'none'; sandbox"})
