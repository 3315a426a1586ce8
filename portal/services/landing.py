"""Where a person lands after signing in: the page they were sent from, else where their work
is (staff: the staff overview; organizer members: the organizer portal; everyone: My portal)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from portal import links
from portal.domain.policies import Actor, home_page
from portal.services.sessions import resolve_actor, safe_next, start_session

# A `next` naming one of these is no destination of its own: the role's home is better.
NOT_DESTINATIONS = (links.HOME, links.SIGN_IN, links.SIGN_UP)


@dataclass(frozen=True)
class Arrival:
    session_token: str
    path: str


def landing_page(actor: Actor, next_path: str | None) -> str:
    """A safe same-site `next` (a page the person was sent to sign in from: a staff link in an
    email, "Sign in to register") wins; without one, the person's work decides."""
    target = safe_next(next_path, default="")
    if target and target.split("?")[0].split("#")[0] not in NOT_DESTINATIONS:
        return target
    return home_page(actor)


def my_landing(session: Session, actor: Actor, *, next_path: str | None) -> str:
    """Where a person already signed in goes from the sign-in page."""
    return landing_page(actor, next_path)


def landing_for_session(session: Session, token: str, next_path: str | None) -> str:
    """The landing page of the person a just-opened session belongs to."""
    return landing_page(resolve_actor(session, token, touch=False), next_path)


def arrive(session: Session, *, ticket: str, next_path: str | None, ip: str = "",
           user_agent: str = "") -> Arrival:
    """Exchange a sign-in ticket for a session, and say where the person lands."""
    token = start_session(session, ticket=ticket, ip=ip, user_agent=user_agent)
    return Arrival(session_token=token, path=landing_for_session(session, token, next_path))
