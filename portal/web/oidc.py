"""OIDC sign-in routes: send the browser to the provider, and take it back with a session.

The state is bound to this browser by a short-lived HttpOnly cookie, so a callback started in
someone else's browser (login CSRF) is refused.
"""

from __future__ import annotations

import asyncio

import requests
from starlette.requests import Request
from starlette.responses import RedirectResponse

from portal import links
from portal.domain.errors import DomainError
from portal.services import oidc
from portal.services.accounts import SIGN_IN_SUSPENDED
from portal.services.runner import public
from portal.settings import get_settings
from portal.web.auth import set_session_cookie
from portal.web.use_case import client_ip, write
from portal.wiring import oidc_provider

STATE_COOKIE = "portal_oidc_state"


CALLBACK_PATH = "/auth/oidc/callback"


def _redirect_uri(request: Request) -> str:
    """The callback on the address this request came to (the app may be mounted inside other
    ASGI layers, so not looked up by route name)."""
    return f"{str(request.base_url).rstrip('/')}{CALLBACK_PATH}"


def _to_sign_in(problem: str) -> RedirectResponse:
    return RedirectResponse(f"{get_settings().base_url}/sign-in?provider_error={problem}",
                            status_code=303)


async def oidc_start(request: Request) -> RedirectResponse:
    provider = oidc_provider()
    if provider is None:
        return _to_sign_in("off")
    pending = await write(request, public(oidc.begin_login),
                          next_path=request.query_params.get("next"))
    try:
        url = await asyncio.to_thread(
            provider.authorization_url, redirect_uri=_redirect_uri(request),
            state=pending.state, code_verifier=pending.code_verifier, nonce=pending.nonce)
    except (requests.RequestException, DomainError):
        return _to_sign_in("unavailable")
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(STATE_COOKIE, pending.state, max_age=600, httponly=True,
                        samesite="lax", path="/auth/oidc",
                        secure=get_settings().base_url.startswith("https://"))
    return response


async def oidc_callback(request: Request) -> RedirectResponse:
    provider = oidc_provider()
    state = request.query_params.get("state", "")
    code = request.query_params.get("code", "")
    if provider is None or not code or state != request.cookies.get(STATE_COOKIE):
        return _to_sign_in("invalid")
    try:
        login = await write(request, public(oidc.take_login), state=state)
        claims = await asyncio.to_thread(
            provider.exchange, code=code, redirect_uri=_redirect_uri(request),
            code_verifier=login.code_verifier, nonce=login.nonce)
        result = await write(
            request, public(oidc.sign_in_with_claims), issuer=provider.issuer, claims=claims,
            next_path=login.next_path, ip=client_ip(request),
            user_agent=request.headers.get("user-agent", ""))
    except requests.RequestException:
        return _to_sign_in("unavailable")
    except DomainError as error:
        return _to_sign_in("suspended" if error.template == SIGN_IN_SUSPENDED else "refused")
    target = result.next_path if result.profile_complete else links.ATTENDEE_PROFILE
    response = RedirectResponse(f"{get_settings().base_url}{target}", status_code=303)
    set_session_cookie(response, result.session_token)
    response.delete_cookie(STATE_COOKIE, path="/auth/oidc")
    return response

