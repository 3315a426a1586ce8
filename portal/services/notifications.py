"""One call to notify people: an outbox email per recipient and an in-app notification, in the
caller's transaction, in each recipient's language. Plus each person's inbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select, update
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.errors import Forbidden, NotFound
from portal.domain.models import Notification, User
from portal.domain.policies import Actor
from portal.services.emails import add_to_outbox, render
from portal.services.paging import Page, PageRequest, paginate


def notify(
    session: Session,
    *,
    recipients: Sequence[User],
    template: str,
    context: dict[str, Any],
    about: tuple[str, int | None] = ("", None),
    link: str = "",
    email_to: str | None = None,
    in_app: bool = True,
) -> None:
    """Tell people about a change, committed with it or not at all.

    `email_to` sends the one recipient's email to another address (a new address being
    confirmed). Rendering happens now, so a bad template or context fails the change loudly.
    """
    if email_to is not None and len(recipients) != 1:
        raise ValueError("email_to needs exactly one recipient")
    for user in recipients:
        if user.id is None:
            raise ValueError("notify() needs saved users")
        address = email_to or user.email
        if not address:
            raise ValueError(f"user {user.id} has no email address")
        rendered = render(template, user.locale, {"name": user.name, **context})
        add_to_outbox(session, to_email=address, rendered=rendered, template=template,
                      locale=user.locale, to_user_id=user.id, about=about)
        if in_app:
            session.add(Notification(user_id=user.id, template=template,
                                     title=rendered.subject[:300],
                                     body=rendered.summary[:1000], link=link[:500],
                                     about_type=about[0], about_id=about[1]))


class InboxItem(BaseModel):
    id: int
    created_at: datetime
    title: str
    body: str
    link: str
    read: bool


def _own(actor: Actor) -> int:
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    return actor.user_id


def unread_count(session: Session, actor: Actor) -> int:
    if not actor.is_authenticated:
        return 0
    return session.exec(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == actor.user_id, Notification.read_at.is_(None))
    ).one()[0]


def list_inbox(session: Session, actor: Actor, *, request: PageRequest) -> Page[InboxItem]:
    user_id = _own(actor)
    rows, total = paginate(
        session, select(Notification).where(Notification.user_id == user_id), request,
        sortable={"created_at": Notification.created_at}, default_sort="created_at",
        searchable=(Notification.title, Notification.body),
        filters={"read": lambda v: Notification.read_at.is_not(None) if v == "read"
                 else Notification.read_at.is_(None)},
        tiebreaker=Notification.id,
    )
    return Page[InboxItem](
        items=[InboxItem(id=n.id, created_at=n.created_at, title=n.title, body=n.body,
                         link=n.link, read=n.read_at is not None) for (n,) in rows],
        total=total, page=request.page, page_size=request.page_size)


def mark_read(session: Session, actor: Actor, *, notification_id: int) -> None:
    user_id = _own(actor)
    done = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.user_id == user_id)
        .values(read_at=func.coalesce(Notification.read_at, utcnow())))
    if done.rowcount != 1:
        raise NotFound("No such notification.")


def mark_all_read(session: Session, actor: Actor) -> int:
    user_id = _own(actor)
    return session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())).rowcount
