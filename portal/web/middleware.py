"""ASGI middleware wrapped around the whole Reflex backend through `api_transformer`, so it sees
every HTTP response on the one production port: prerendered pages, `/_event` (polling),
`/_upload` and our own routes. Security headers on each response; a cap on request bodies."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from portal import links

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Multipart boundaries and the small form fields around an uploaded file.
BODY_OVERHEAD_BYTES = 1024 * 1024
HSTS_SECONDS = 365 * 24 * 3600
NO_DEVICES = "camera=(), microphone=(), geolocation=()"
# The door's check-in page reads tickets with the phone's camera. A document's policy holds for
# its whole life, so the page must be loaded (not routed to inside the app) to get this one.
CAMERA_PAGES = frozenset({links.CHECK_IN})
CAMERA_ALLOWED = "camera=(self), microphone=(), geolocation=()"


def content_security_policy(base_url: str) -> str:
    """Every allowance beyond 'self' is needed by the Reflex 0.10 production build (README)."""
    parts = urlsplit(base_url)
    websocket = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src 'self' {websocket}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(base_url: str) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": content_security_policy(base_url),
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "permissions-policy": NO_DEVICES,
    }
    if urlsplit(base_url).scheme == "https":
        headers["strict-transport-security"] = f"max-age={HSTS_SECONDS}"
    return [(name.encode(), value.encode()) for name, value in headers.items()]


def page_path(path: str) -> str:
    """The page a request is for, whichever way the static build serves it:
    "/check-in", "/check-in/", "/check-in.html" and "/check-in/index.html" are one page."""
    path = path.removesuffix("/index.html").removesuffix(".html").rstrip("/")
    return path or "/"


class SecurityHeaders:
    """Adds each header the inner app did not set itself (a route may set a stricter one)."""

    def __init__(self, app: ASGIApp, headers: list[tuple[bytes, bytes]]):
        self.app, self.headers = app, headers
        self.camera_headers = [
            (name, CAMERA_ALLOWED.encode() if name == b"permissions-policy" else value)
            for name, value in headers]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ours = self.camera_headers if page_path(scope.get("path", "")) in CAMERA_PAGES \
            else self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = list(message.get("headers", []))
                present = {name.lower() for name, _ in own}
                message = {**message, "headers": own + [
                    (name, value) for name, value in ours if name not in present]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a request body over `max_bytes` with 413: at once by its Content-Length, or, for
    a chunked body, as soon as the bytes read pass the limit (the app never sees the rest)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        seen, tripped, started = 0, False, False

        async def counting_receive() -> Message:
            nonlocal seen, tripped
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    tripped = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if tripped and not started:
                return  # the app's own error answer; ours follows
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not tripped:
                raise
        if tripped and not started:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = f"Request body too large: the limit is {self.max_bytes} bytes.".encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def protect(app: ASGIApp, *, base_url: str, upload_max_mb: int) -> ASGIApp:
    """The whole app behind both guards; headers outermost so a 413 carries them too."""
    limited = BodyLimit(app, upload_max_mb * 1024 * 1024 + BODY_OVERHEAD_BYTES)
    return SecurityHeaders(limited, security_headers(base_url))
