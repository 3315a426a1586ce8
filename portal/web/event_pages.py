"""Shared event links, served the way link previews need them.

Reflex prerenders each page once, at build time, so the HTML of `/event/<id>-<slug>` is the same
shell for every event and its head names no event; the event's data arrives later, over the
websocket, which crawlers (chat apps, social sites, search engines) never open. `EventPages` sits
in front of the static pages (an ASGI middleware from `api_transformer`, see portal/web/app.py)
and, for an event page, writes the event's title, description and Open Graph / Twitter tags into
the served HTML's head. It also answers old and renamed addresses with a permanent redirect to
the current one: the id decides the event, the words after it only read well.

An event that is not public (a draft, in review, rejected, unknown) gets the shell unchanged with
status 404: its name and everything else stay unsaid.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal import links
from portal.domain.errors import DomainError, NotFound
from portal.domain.ids import parse_id
from portal.domain.timefmt import format_span
from portal.services import event_sharing
from portal.services.event_sharing import SharedEvent
from portal.services.runner import public
from portal.settings import get_settings
from portal.web.middleware import ASGIApp, Message, Receive, Scope, Send, page_path
from portal.web.use_case import read

DESCRIPTION_MAX = 300
_TITLE = re.compile(r"<title>.*?</title>", re.S | re.I)
_OWN_META = re.compile(
    r"<meta\s+(?:name|property)=\"(?:description|og:[\w:]+|twitter:[\w:]+)\"[^>]*/?>", re.I)
_HEAD_END = re.compile(r"</head>", re.I)
_DROPPED_REQUEST = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range"}
_DROPPED_RESPONSE = {b"content-length", b"etag", b"last-modified", b"content-encoding"}


def event_description(event: SharedEvent, locale: str = "en") -> str:
    """When, where, what: "Sat, Dec 12, 2026, 09:30 – 17:00 (Asia/Shanghai) · Shanghai · …"."""
    when = format_span(event.starts_at, event.ends_at, event.time_zone, locale)
    text = " · ".join(part for part in (when, event.city, event.summary.strip()) if part)
    return text if len(text) <= DESCRIPTION_MAX else text[:DESCRIPTION_MAX - 1] + "…"


def head_tags(event: SharedEvent, *, base_url: str, platform_name: str) -> tuple[str, str]:
    """The page's <title> and the meta tags that describe the event to a crawler."""
    base = base_url.rstrip("/")
    title = f"{event.name} · {platform_name}"
    description = event_description(event)
    tags = [("name", "description", description), ("property", "og:type", "website"),
            ("property", "og:site_name", platform_name), ("property", "og:title", event.name),
            ("property", "og:description", description),
            ("property", "og:url", base + event.path),
            ("name", "twitter:card", "summary_large_image" if event.has_cover else "summary"),
            ("name", "twitter:title", event.name),
            ("name", "twitter:description", description)]
    if event.has_cover:
        image = f"{base}/files/cover/{event.id}"
        tags += [("property", "og:image", image), ("name", "twitter:image", image)]
    html = "".join(f'<meta {kind}="{key}" content="{escape(value, quote=True)}"/>'
                   for kind, key, value in tags)
    html += f'<link rel="canonical" href="{escape(base + event.path, quote=True)}"/>'
    return f"<title>{escape(title)}</title>", html


def with_event(page: str, event: SharedEvent, *, base_url: str, platform_name: str) -> str:
    title, tags = head_tags(event, base_url=base_url, platform_name=platform_name)
    page = _OWN_META.sub("", page)
    page = _TITLE.sub(lambda _m: title, page, count=1) if _TITLE.search(page) \
        else _HEAD_END.sub(lambda _m: title + "</head>", page, count=1)
    return _HEAD_END.sub(lambda _m: tags + "</head>", page, count=1)


def _requested_id(path: str, query: str) -> tuple[int | None, str]:
    """The event id an address asks for and the words it carries ("" for /event?id=)."""
    if path == links.EVENT:
        return parse_id(dict(parse_qsl(query)).get("id", "")), ""
    slug = unquote(path.removeprefix(links.EVENT + "/"))
    return links.event_id_of(slug), slug


def _is_event_page(path: str) -> bool:
    rest = path.removeprefix(links.EVENT + "/")
    return path == links.EVENT or (rest != path and rest != "" and "/" not in rest)


class EventPages:
    """See the module's docstring. Other requests pass through untouched."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = page_path(scope.get("path", "")) if scope["type"] == "http" else ""
        if scope.get("method") not in ("GET", "HEAD") or not _is_event_page(path):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        event_id, slug = _requested_id(path, query)
        event = None
        if event_id is not None:
            try:
                event = await read(Request(scope), public(event_sharing.shared_event),
                                   event_id=event_id)
            except DomainError:
                event = None
        if event is not None and slug != unquote(event.path.removeprefix(links.EVENT + "/")):
            rest = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "id"]
            target = quote(event.path) + (f"?{urlencode(rest)}" if rest else "")
            await RedirectResponse(target, status_code=301)(scope, receive, send)
            return
        await self._page(scope, receive, send, event)

    async def _page(self, scope: Scope, receive: Receive, send: Send,
                    event: SharedEvent | None) -> None:
        """The inner app's page, as plain bytes so its head can be rewritten."""
        inner = {**scope, "method": "GET", "headers": [(k, v) for k, v in scope.get("headers", [])
                                      if k.lower() not in _DROPPED_REQUEST]}
        start: Message = {}
        body = bytearray()

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(inner, receive, keep)
        status = int(start.get("status", 500))
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in
                   _DROPPED_RESPONSE]
        content_type = dict(headers).get(b"content-type", b"")
        content = bytes(body)
        if status < 400 and content_type.startswith(b"text/html"):
            if event is None:
                status = 404
            else:
                settings = get_settings()
                content = with_event(content.decode("utf-8"), event, base_url=settings.base_url,
                                     platform_name=settings.platform_name).encode("utf-8")
                headers.append((b"cache-control", b"public, max-age=60"))
        headers.append((b"content-length", str(len(content)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body",
                    "body": b"" if scope.get("method") == "HEAD" else content})


async def event_calendar_file(request: Request) -> Response:
    """A published event as a calendar entry, for anyone; a private event is "not found"."""
    event_id = parse_id(request.path_params.get("event_id"))
    try:
        if not event_id:
            raise NotFound("No such event.")
        event = await read(request, public(event_sharing.shared_event), event_id=event_id)
    except DomainError:
        return Response("Not found", status_code=404, headers={"Cache-Control": "no-store"})
    settings = get_settings()
    content = event_sharing.event_ics(event, base_url=settings.base_url,
                                      host=urlsplit(settings.base_url).hostname or "localhost")
    return Response(content, media_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="event-{event.id}.ics"',
        "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"})
