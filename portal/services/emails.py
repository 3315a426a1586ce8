"""Transactional email through the outbox: rendered from Jinja2 templates in the recipient's
language and written in the caller's transaction; a dispatcher sends it later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)
from sqlalchemy import select, update
from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.models import EmailStatus, OutboxEmail
from portal.i18n import normalize_locale
from portal.settings import get_settings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "email"
_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=12))


@dataclass(frozen=True)
class OutgoingEmail:
    row_id: int
    to_email: str
    subject: str
    text: str
    html: str


class Mailer(Protocol):
    """The port email adapters implement. Returns the provider's message id."""

    def send(self, message: OutgoingEmail) -> str: ...


class TemporaryFailure(Exception):
    """The provider could not take the message now; try again later."""


def render(template: str, locale: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """(subject, text, html) of a template in a language; errors are loud, never blank mail."""
    locale = normalize_locale(locale)
    settings = get_settings()
    full = {"platform_name": settings.platform_name, "base_url": settings.base_url, **context}
    parts = []
    for kind in ("subject.txt", "txt", "html"):
        name = f"{template}/{locale}.{kind}"
        try:
            parts.append(_env.get_template(name).render(full).strip())
        except TemplateNotFound:
            raise ValueError(f"email template {name} does not exist") from None
    return parts[0], parts[1], parts[2]


def enqueue_email(
    session: Session,
    *,
    to_email: str,
    template: str,
    context: dict[str, Any],
    locale: str = "en",
    to_user_id: int | None = None,
) -> OutboxEmail:
    if not to_email or "@" not in to_email:
        raise ValueError("an email needs a recipient address")
    subject, text, html = render(template, locale, context)
    row = OutboxEmail(to_email=to_email, to_user_id=to_user_id, template=template,
                      locale=normalize_locale(locale), subject=subject, body_text=text,
                      body_html=html)
    session.add(row)
    return row


def _claim(session: Session, row_id: int) -> bool:
    """Take one due row for this dispatcher; another one racing for it gets nothing."""
    now = utcnow()
    result = session.execute(
        update(OutboxEmail)
        .where(OutboxEmail.id == row_id, OutboxEmail.status == EmailStatus.PENDING.value,
               OutboxEmail.next_attempt_at <= now)
        .values(next_attempt_at=now + timedelta(minutes=10), attempts=OutboxEmail.attempts + 1)
    )
    return result.rowcount == 1


def dispatch_due(session_factory, mailer: Mailer, *, batch: int = 50) -> int:  # noqa: ANN001
    """Send what is due; returns how many were sent."""
    with session_factory() as session:
        due = session.exec(
            select(OutboxEmail.id)
            .where(OutboxEmail.status == EmailStatus.PENDING.value,
                   OutboxEmail.next_attempt_at <= utcnow())
            .order_by(OutboxEmail.id).limit(batch)
        ).all()
    sent = 0
    for (row_id,) in due:
        with session_factory() as session:
            if not _claim(session, row_id):
                continue
            row = session.get(OutboxEmail, row_id)
            message = OutgoingEmail(row.id, row.to_email, row.subject, row.body_text,
                                    row.body_html)
        try:
            provider_id = mailer.send(message)
        except TemporaryFailure as error:
            _failed(session_factory, row_id, str(error), permanent=False)
            continue
        except Exception as error:  # noqa: BLE001  (a permanent refusal: keep the reason)
            _failed(session_factory, row_id, str(error), permanent=True)
            continue
        with session_factory() as session:
            row = session.get(OutboxEmail, row_id)
            row.status, row.sent_at = EmailStatus.SENT.value, utcnow()
            row.provider_message_id, row.last_error = provider_id[:200], ""
        sent += 1
    return sent


def _failed(session_factory, row_id: int, error: str, *, permanent: bool) -> None:  # noqa: ANN001
    with session_factory() as session:
        row = session.get(OutboxEmail, row_id)
        row.last_error = error[:1000]
        if permanent or row.attempts > len(RETRY_DELAYS):
            row.status = EmailStatus.FAILED.value
        else:
            row.next_attempt_at = utcnow() + RETRY_DELAYS[row.attempts - 1]
