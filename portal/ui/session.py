"""The base state of every page: who the visitor is and which language they read.

Every public handler of every substate reaches services only through `_read` / `_write`: the
use-case runner resolves the actor afresh from the session cookie of the websocket handshake and
runs the service in the same transaction, off the event loop; nothing here trusts what the
client says about itself. The flags below only shape the page (menus, redirects): comfort, not
safety.

The states of a browser tab are bound to the session they were filled for. When a call finds a
different session behind the cookie (signed out, expired, revoked, another person), every portal
state of that tab is reset before anything new is put in it.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar
from urllib.parse import quote

import reflex as rx
from reflex.config import get_config

from portal.domain.errors import DomainError
from portal.domain.ids import parse_id as domain_parse_id
from portal.domain.policies import Actor
from portal.i18n import gettext, normalize_locale
from portal.services import accounts, sessions
from portal.services.runner import Outcome, public, run_use_case
from portal.services.visitor import Visitor, visitor
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import toast_error

LOCALE_COOKIE = "portal_locale"
LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600
SESSION_COOKIE = "portal_session"
T = TypeVar("T")
# Use cases run here, off the asyncio loop: a slow one (argon2, rendering, file I/O) never
# delays other clients.
USE_CASE_POOL = ThreadPoolExecutor(max_workers=16, thread_name_prefix="use-case")


def backend_url(path: str) -> str:
    """An address on the backend (HTTP routes); the same origin in production."""
    return f"{get_config().api_url.rstrip('/')}{path}"


def load_page(url: str) -> rx.event.EventSpec:
    """A full page load (not client-side routing): the HTTP route sets or clears the cookie and
    the websocket reconnects carrying it."""
    return rx.call_script(f"window.location.assign({json.dumps(url)})")


def hand_over_ticket(ticket: str, next_path: str) -> rx.event.EventSpec:
    """Finish sign-in in this browser: the one-time ticket goes into a short-lived cookie
    only the sign-in route reads (never into the address, where a link could carry it to
    someone else's browser), then a full page load lets that route set the session cookie."""
    secure = "; secure" if get_config().api_url.startswith("https://") else ""
    cookie = f"portal_ticket={ticket}; path=/auth/session; max-age=60; samesite=strict{secure}"
    url = backend_url(f"/auth/session?next={quote(next_path)}")
    return rx.call_script(f"document.cookie = {json.dumps(cookie)}; "
                          f"window.location.assign({json.dumps(url)})")


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
    is_reviewer: bool = False
    is_finance: bool = False
    is_complaints: bool = False
    is_organizer: bool = False
    is_supervisor: bool = False
    needs_verification: bool = False
    unread: int = 0
    rules_pending: bool = False  # the platform rules changed: accept them before anything else
    contact_email: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    # The organizer a member of several acts for (chosen in the organizer portal); services
    # check membership whatever this says.
    acting_organizer: int = 0
    _bound_session: int = 0  # the session this tab's states were filled for; 0: nobody

    # ---- server-side helpers (not callable by the client) ----

    def _session_token(self) -> str:
        raw = self.router.headers.cookie or ""
        try:
            jar = SimpleCookie(raw)
        except CookieError:
            return ""
        morsel = jar.get(SESSION_COOKIE)
        return morsel.value if morsel else ""

    def _client_ip(self) -> str:
        return self.router.session.client_ip or ""

    def _query_id(self, name: str = "id") -> int:
        """An object's id from the page address (?id=...); anything else, or an id outside the
        database's 64-bit range, means none (0), which services answer with "not found"."""
        return parse_id(self.router.url.query_parameters.get(name, ""))

    def _locale(self) -> str:
        return normalize_locale(self.locale)

    def _(self, message: str, **params: Any) -> str:
        """A server-made message in the visitor's language."""
        text = gettext(message, self._locale())
        return text.format(**params) if params else text

    def _error(self, error: DomainError) -> str:
        return error.localized(self._locale())

    # ---- the use-case runner: the one way a handler reaches a service ----

    async def _read(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a read-only use case as the person behind the cookie; raises its DomainError."""
        return (await self._run(service, args, kwargs, write=False)).unwrap()

    async def _write(self, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a use case that changes data; raises its DomainError (nothing was changed)."""
        return (await self._run(service, args, kwargs, write=True)).unwrap()

    async def _run(self, service: Callable[..., T], args: tuple, kwargs: dict, *, write: bool
                   ) -> Outcome[T]:
        call = functools.partial(run_use_case, service, *args,
                                 session_token=self._session_token(),
                                 client_ip=self._client_ip(), write=write, **kwargs)
        outcome = await asyncio.get_running_loop().run_in_executor(USE_CASE_POOL, call)
        self._bind(outcome.actor)
        return outcome

    def _bind(self, actor: Actor) -> None:
        """Forget everything this tab holds when it was filled for another session."""
        current = actor.session_id or 0
        root = self._session_root()
        if root._bound_session != current:
            reset_portal_states(root)
            root._bound_session = current

    def _session_root(self) -> SessionState:
        state: Any = self
        while type(state) is not SessionState:
            state = state.parent_state
        return state

    def _fail(self, error: DomainError) -> rx.event.EventSpec | None:
        """Show a refusal the one way every page does: beside its field when the page has that
        field, as a toast otherwise."""
        message = self._error(error)
        if error.field and self._show_field_error(error.field, message):
            return None
        return toast_error(message)

    def _show_field_error(self, field: str, message: str) -> bool:
        """Pages with form fields override this; True when the message found its field."""
        return False

    def _sign_in_redirect(self) -> rx.event.EventSpec:
        # with its query: a page of one object (?id=...) is where the person comes back to
        url = self.router.url
        here = (url.path + (f"?{url.query}" if url.query else "")) if url.path \
            else routes.ATTENDEE
        return rx.redirect(f"{routes.SIGN_IN}?next={quote(here)}")

    def _show(self, seen: Visitor) -> None:
        root = self._session_root()
        root.signed_in, root.user_name, root.unread = seen.signed_in, seen.name, seen.unread
        root.is_staff, root.is_admin = seen.is_staff, seen.is_admin
        root.is_reviewer, root.is_organizer = seen.is_reviewer, seen.is_organizer
        root.is_finance, root.is_complaints = seen.is_finance, seen.is_complaints
        root.is_supervisor = seen.is_supervisor
        root.needs_verification = seen.needs_verification
        root.rules_pending = seen.rules_pending
        root.contact_email, root.contact_phone = seen.contact_email, seen.contact_phone
        root.contact_address = seen.contact_address

    async def _load_visitor(self) -> Visitor:
        seen = await self._read(visitor)
        self._show(seen)
        return seen

    def _accept_rules_redirect(self) -> rx.event.EventSpec | None:
        """A person who has not accepted the rules in force goes to accept them first (the
        runner refuses their use cases anyway)."""
        url = self.router.url
        if url.path in (routes.RULES_ACCEPT, routes.RULES):
            return None
        here = url.path + (f"?{url.query}" if url.query else "")
        return rx.redirect(f"{routes.RULES_ACCEPT}?next={quote(here or routes.ATTENDEE)}")

    # ---- public handlers ----

    @rx.event
    async def load_session(self):
        """Every page's first event: show who is signed in (menus only)."""
        seen = await self._load_visitor()
        return self._accept_rules_redirect() if seen.rules_pending else None

    @rx.event
    async def require_signed_in(self):
        seen = await self._load_visitor()
        if seen.rules_pending:
            return self._accept_rules_redirect()
        if not seen.signed_in:
            return [self._sign_in_redirect(),
                    rx.toast.info(self._("Sign in to continue."), position="bottom-right")]
        return None

    @rx.event
    async def require_staff(self):
        seen = await self._load_visitor()
        if seen.rules_pending:
            return self._accept_rules_redirect()
        if not seen.signed_in:
            return self._sign_in_redirect()
        if not seen.is_staff:
            return [rx.redirect(routes.ATTENDEE),
                    rx.toast.error(self._("The staff portal is for platform staff only."),
                                   position="bottom-right")]
        return None

    @rx.event
    def set_locale(self, value: str) -> None:
        """The language of server-made text in this tab (only the supported ones)."""
        self.locale = normalize_locale(value)

    @rx.event
    async def remember_locale(self, value: str) -> None:
        """The visitor switched language: toasts follow it, and so do the emails of a
        signed-in person."""
        self.locale = normalize_locale(value)
        await self._write(accounts.set_locale, locale=self.locale)

    @rx.event
    async def sign_out(self):
        await self._write(public(sessions.revoke_session), raw=self._session_token())
        reset_portal_states(self._session_root())
        self._session_root()._bound_session = 0
        return load_page(backend_url("/auth/signed-out?next=/"))


def parse_id(raw: Any) -> int:
    """A database id from anything a client sent: a positive 64-bit integer, else 0."""
    return domain_parse_id(raw) or 0


def reset_portal_states(root: SessionState) -> None:
    """Every portal state of this tab back to its defaults; the language stays."""
    locale = root.locale
    root.reset()
    root.locale = locale
