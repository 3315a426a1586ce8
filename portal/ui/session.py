"""The base state of every page: who the visitor is and which language they read.

Every public handler of every substate resolves the actor afresh through `_actor()` and passes it
to a service; nothing here trusts what the client says about itself.
"""

from __future__ import annotations

import reflex as rx

from portal.domain.policies import Actor
from portal.i18n import DEFAULT_LOCALE, gettext, normalize_locale


class SessionState(rx.State):
    locale: str = DEFAULT_LOCALE
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

    def _(self, message: str) -> str:
        """A server-made message in the visitor's language."""
        return gettext(message, self.locale)
