"""Reflex middleware: a page load never receives state filled for another session.

When a browser tab (re)connects, Reflex answers its hydrate event with every state the tab
holds, before any page handler runs. Here, first, the session behind the cookie is compared
with the one the tab's states were filled for; when they differ (signed out, expired, revoked,
another person, or a stranger reconnecting with a copied tab token) every portal state of that
tab is reset, so hydration sends only defaults.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from reflex.middleware.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import Event, get_hydrate_event
from sqlmodel import Session

from portal.domain.policies import Actor
from portal.ui.session import SessionState

if TYPE_CHECKING:
    from reflex.app import App


def who_is_there(_session: Session, actor: Actor) -> int:
    """A use case that only resolves the actor (the runner binds the tab to it)."""
    return actor.session_id or 0


@dataclasses.dataclass(init=True)
class SessionBinding(Middleware):
    async def preprocess(self, app: App, state: BaseState, event: Event
                         ) -> StateUpdate | None:
        if event.name != get_hydrate_event(state):
            return None
        session_state = await state.get_state(SessionState)
        await session_state._run(who_is_there, (), {}, write=False)
        return None
