"""Cookie routes: a full navigation here turns a one-time ticket into the session cookie, or
clears it. Reflex handlers cannot set HttpOnly cookies, so sign-in finishes through these."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal import links
from portal.domain.errors import DomainError
from portal.services.landing import arrive
from portal.services.runner import public
from portal.services.sessions import safe_next
from portal.settings import get_settings
from portal.web.use_case import SESSION_COOKIE, client_ip, write

# The sign-in handler hands the one-time ticket to the browser that asked for it as this
# cookie (path-scoped, SameSite=Strict, one minute), never in the address: a link carrying a
# ticket cannot sign someone else's browser into the attacker's account (login CSRF).
TICKET_COOKIE = "portal_ticket"
TICKET_PATH = "/auth/session"


def _frontend(path: str) -> str:
    return f"{get_settings().base_url}{path}"


async def complete_sign_in(request: Request) -> RedirectResponse:
    ticket = request.cookies.get(TICKET_COOKIE, "")
    try:
        arrival = await write(request, public(arrive), ticket=ticket,
                              next_path=request.query_params.get("next"),
                              ip=client_ip(request),
                              user_agent=request.headers.get("user-agent", ""))
        response = RedirectResponse(_frontend(arrival.path), status_code=303)
        set_session_cookie(response, arrival.session_token)
    except DomainError:
        response = RedirectResponse(_frontend(f"{links.SIGN_IN}?expired=1"), status_code=303)
    response.delete_cookie(TICKET_COOKIE, path=TICKET_PATH)
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
