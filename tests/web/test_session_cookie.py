"""The session cookie is `Secure` exactly when the portal's public address is https (TLS ends
at the reverse proxy; the portal learns it from PORTAL_BASE_URL)."""

from __future__ import annotations

import os

import pytest
from starlette.responses import RedirectResponse

from portal.settings import get_settings
from portal.web.auth import set_session_cookie


@pytest.fixture
def base_url():
    saved = os.environ.get("PORTAL_BASE_URL")

    def use(value: str) -> None:
        os.environ["PORTAL_BASE_URL"] = value
        get_settings.cache_clear()

    yield use
    if saved is None:
        os.environ.pop("PORTAL_BASE_URL", None)
    else:
        os.environ["PORTAL_BASE_URL"] = saved
    get_settings.cache_clear()


@pytest.mark.parametrize(("url", "secure"), [("https://events.example.org", True),
                                             ("http://localhost:3000", False)])
def test_the_cookie_is_secure_behind_https(base_url, url, secure):
    base_url(url)
    response = RedirectResponse("/")
    set_session_cookie(response, "token")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert ("Secure" in cookie) is secure
