"""The base state of every page: who the visitor is and which language they read.

Every public handler of every substate resolves the actor afresh from the session cookie of the
websocket handshake (`_actor()`) and passes it to a service; nothing here trusts what the client
says about itself. The flags below only shape the page (menus, redirects): comfort, not safety.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar
from urllib.parse import quote

import reflex as rx
from reflex.config import get_config

from portal.db import session_scope
from portal.domain.errors import DomainError, Forbidden
from portal.domain.policies import Actor, can_manage_users, can_use_staff_portal
from portal.i18n import gettext, normalize_locale
from portal.services import accounts, audit, notifications
from portal.services.sessions import resolve_actor, revoke_session
from portal.settings import get_settings
from portal.ui import routes

LOCALE_COOKIE = "portal_locale"
LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600
SESSION_COOKIE = "portal_session"
T = TypeVar("T")


def backend_url(path: str) -> str:
    """An address on the backend (HTTP routes); the same origin in production."""
    return f"{get_config().api_url.rstrip('/')}{path}"


def load_page(url: str) -> rx.event.EventSpec:
    """A full page load (not client-side routing): the HTTP route sets or clears the cookie and
    the websocket reconnects carrying it."""
    return rx.call_script(f"window.location.assign({json.dumps(url)})")


class SessionState(rx.State):
    # The browser writes this cookie when the visitor switches language (assets/locale.js), so
    # the server knows the language from the first event of every page load; until then the
    # server's default (PORTAL_DEFAULT_LOCALE), as in the browser.
    locale: str = rx.Cookie(get_settings().default_locale, name=LOCALE_COOKIE, path="/",
                            same_site="lax", max_age=LOCALE_COOKIE_MAX_AGE)
    user_name: str = ""
    signed_in: bool = False
    is_staff: bool = False
    is_admin: bool = False
    needs_verification: bool = False
    unread: int = 0

    # ---- server-side helpers (not callable by the client) ----

    def _session_token(self) -> str:
        raw = self.router.headers.cookie or ""
        try:
            jar = SimpleCookie(raw)
        except CookieError:
            return ""
        morsel = jar.get(SESSION_COOKIE)
        return morsel.value if morsel else ""

    def _actor(self) -> Actor:
        with session_scope() as session:
            return resolve_actor(session, self._session_token())

    def _client_ip(self) -> str:
        return self.router.session.client_ip or ""

    def _query_id(self) -> int:
        """The object's id from the page address (?id=...); anything else means none."""
        try:
            return int(self.router.url.query_parameters.get("id", ""))
        except ValueError:
            return 0

    def _locale(self) -> str:
        return normalize_locale(self.locale)

    def _(self, message: str, **params: Any) -> str:
        """A server-made message in the visitor's language."""
        text = gettext(message, self._locale())
        return text.format(**params) if params else text

    def _error(self, error: DomainError) -> str:
        return error.localized(self._locale())

    def _call(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one service in one transaction with the current actor. A signed-in person's
        refused attempt is audited: forged calls leave a trace."""
        actor = self._actor()
        try:
            with session_scope() as session:
                return service(session, actor, *args, **kwargs)
        except Forbidden:
            if actor.is_authenticated:
                target = kwargs.get("user_id")
                with session_scope() as session:
                    audit.record(session, actor_id=actor.user_id, action="access.denied",
                                 object_type="user" if target else "handler",
                                 object_id=target if isinstance(target, int) else None,
                                 note=service.__name__, ip=self._client_ip())
            raise

    def _sign_in_redirect(self) -> rx.event.EventSpec:
        here = self.router.url.path or routes.ATTENDEE
        return rx.redirect(f"{routes.SIGN_IN}?next={quote(here)}")

    def _show(self, actor: Actor) -> None:
        self.signed_in = actor.is_authenticated
        self.is_staff = can_use_staff_portal(actor)
        self.is_admin = can_manage_users(actor)
        self.needs_verification = actor.is_authenticated and not actor.verified
        if not actor.is_authenticated:
            self.user_name, self.unread = "", 0
            return
        with session_scope() as session:
            self.user_name = accounts.get_profile(session, actor).name
            self.unread = notifications.unread_count(session, actor)

    # ---- public handlers ----

    @rx.event
    def load_session(self) -> None:
        """Every page's first event: show who is signed in (menus only)."""
        self._show(self._actor())

    @rx.event
    def require_signed_in(self):
        actor = self._actor()
        self._show(actor)
        if not actor.is_authenticated:
            return [self._sign_in_redirect(),
                    rx.toast.info(self._("Sign in to continue."), position="bottom-right")]
        return None

    @rx.event
    def require_staff(self):
        actor = self._actor()
        self._show(actor)
        if not actor.is_authenticated:
            return self._sign_in_redirect()
        if not can_use_staff_portal(actor):
            return [rx.redirect(routes.ATTENDEE),
                    rx.toast.error(self._("The staff portal is for platform staff only."),
                                   position="bottom-right")]
        return None

    @rx.event
    def set_locale(self, value: str) -> None:
        """The visitor switched language; server-made text (toasts, emails) follows it."""
        self.locale = normalize_locale(value)
        actor = self._actor()
        if actor.is_authenticated:
            with session_scope() as session:
                accounts.set_locale(session, actor, locale=self.locale)

    @rx.event
    def sign_out(self):
        with session_scope() as session:
            revoke_session(session, raw=self._session_token())
        self.signed_in, self.user_name, self.is_staff, self.is_admin = False, "", False, False
        return load_page(backend_url("/auth/signed-out?next=/"))
