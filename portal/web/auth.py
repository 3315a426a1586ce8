"""Cookie routes: a full navigation here turns a one-time ticket into the session cookie, or
clears it. Reflex handlers cannot set HttpOnly cookies, so sign-in finishes through these."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal import links
from portal.db import session_scope
from portal.domain.errors import DomainError
from portal.services.sessions import safe_next, start_session
from portal.settings import get_settings

SESSION_COOKIE = "portal_session"


def _frontend(path: str) -> str:
    return f"{get_settings().base_url}{path}"


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


async def complete_sign_in(request: Request) -> RedirectResponse:
    ticket = request.query_params.get("ticket", "")
    target = safe_next(request.query_params.get("next"))
    try:
        with session_scope() as session:
            token = start_session(session, ticket=ticket, ip=client_ip(request),
                                  user_agent=request.headers.get("user-agent", ""))
    except DomainError:
        return RedirectResponse(_frontend(f"{links.SIGN_IN}?expired=1"), status_code=303)
    response = RedirectResponse(_frontend(target), status_code=303)
    set_session_cookie(response, token)
    return response


def set_session_cookie(response: RedirectResponse, token: str) -> None:
    settings = get_settings()
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax", path="/",
        secure=settings.base_url.startswith("https://"),
        max_age=settings.session_absolute_days * 24 * 3600,
    )


async def signed_out(request: Request) -> RedirectResponse:
    """The session was already revoked by the handler; drop the dead cookie."""
    target = safe_next(request.query_params.get("next"), default="/")
    response = RedirectResponse(_frontend(target), status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response
