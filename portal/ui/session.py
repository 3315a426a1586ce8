"""The base state of every page: who the visitor is and which language they read.

Every public handler of every substate resolves the actor afresh through `_actor()` and passes it
to a service; nothing here trusts what the client says about itself.
"""

from __future__ import annotations

import reflex as rx

from portal.domain.policies import Actor
from portal.i18n import DEFAULT_LOCALE, gettext, normalize_locale

LOCALE_COOKIE = "portal_locale"
LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600


class SessionState(rx.State):
    # The browser writes this cookie when the visitor switches language (assets/locale.js), so
    # the server knows the language from the first event of every page load.
    locale: str = rx.Cookie(DEFAULT_LOCALE, name=LOCALE_COOKIE, path="/", same_site="lax",
                            max_age=LOCALE_COOKIE_MAX_AGE)
    user_name: str = ""
    signed_in: bool = False

    @rx.event
    def set_locale(self, value: str) -> None:
        """The visitor switched language; server-made text (toasts, emails) follows it."""
        self.locale = normalize_locale(value)

    def _actor(self) -> Actor:
        # Sign-in sessions (server-issued cookie tokens) are resolved here; until an account
        # is signed in, every visitor is anonymous.
        return Actor.anonymous()

    def _locale(self) -> str:
        return normalize_locale(self.locale)

    def _(self, message: str) -> str:
        """A server-made message in the visitor's language."""
        return gettext(message, self._locale())
