"""Transactional email through the outbox.

Rows are written in the caller's transaction (see notifications.notify). Dispatchers claim due
rows (FOR UPDATE SKIP LOCKED on PostgreSQL, a conditional UPDATE on SQLite), mark them
`sending`, hand them to the mailer and record the outcome. A one-time token in a link
(`token=...`) is kept only while the row may still be sent: once it is sent, or a week after it
failed for good (staff may send a failed one again while its link still works), the stored
bodies keep the link with the token removed. Transient failures retry with
back-off; permanent ones fail at once. A dispatcher that dies mid-send leaves the row `sending`;
the sweep marks it failed for staff to check at the provider (by our row id, which every message
carries) rather than risk a second copy: never sent twice, never silently lost.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    UndefinedError,
    pass_context,
    select_autoescape,
)
from pydantic import BaseModel
from sqlalchemy import func, select, update
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import EmailTemplate
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import EmailStatus, OutboxEmail
from portal.domain.policies import Actor, can_use_staff_portal
from portal.i18n import normalize_locale
from portal.services import audit
from portal.services.paging import Page, PageRequest, day_bound, like_pattern, paginate
from portal.settings import get_settings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "email"
_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["links"] = links  # templates link to pages as {{ base_url }}{{ links.EVENTS }}


@pass_context
def _when(context: Any, value: datetime, time_zone: str) -> str:
    """`{{ starts_at | when(time_zone) }}`: a moment in a zone, in the email's language."""
    from portal.domain.timefmt import format_datetime

    return format_datetime(value, time_zone, context.get("locale", "en"))


_env.filters["when"] = _when
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=12))
SEND_LEASE = timedelta(minutes=10)
PARTS = ("subject.txt", "summary.txt", "txt", "html")
TOKEN_IN_LINK = re.compile(r"(token=)[A-Za-z0-9_\-]+")
TOKEN_REMOVED = "token=[removed]"
# The longest a one-time link lives (organizer invitations): after it, a failed email's token is
# removed as well.
LONGEST_LINK_LIFETIME = timedelta(days=7)
# Control characters (Cc: CR, LF, NUL, NEL, ...) and Unicode line/paragraph separators.
_HEADER_BREAKERS = frozenset({"Cc", "Zl", "Zp"})
logger = logging.getLogger("portal.mail")


@dataclass(frozen=True)
class OutgoingEmail:
    row_id: int
    to_email: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Rendered:
    subject: str
    summary: str
    text: str
    html: str


class Mailer(Protocol):
    """The port email adapters implement: send one message, return the provider's id."""

    def send(self, message: OutgoingEmail) -> str: ...


def keeps_links(mailer: Mailer) -> bool:
    """A mailer that sends nothing (the log mailer, refused in production) keeps the links of
    what it "sent" for the Dev mailbox; any other loses their tokens once sent."""
    return bool(getattr(mailer, "keeps_links", False))


class TemporaryFailure(Exception):
    """The provider could not take the message now (5xx, timeout, refused connection)."""


class PermanentFailure(Exception):
    """The provider refused the message for good (4xx, invalid address)."""


def header_value(value: str) -> str:
    """One line fit for an email header: a name with a newline must not end a Subject early
    (SMTP refuses it; worse, it could add headers). Each control character becomes a space."""
    cleaned = "".join(" " if unicodedata.category(ch) in _HEADER_BREAKERS else ch
                      for ch in value)
    return " ".join(cleaned.split())


def render(template: str, locale: str, context: dict[str, Any]) -> Rendered:
    """A template in a language; an unknown template or missing variable fails loudly."""
    locale = normalize_locale(locale)
    settings = get_settings()
    full = {"platform_name": settings.platform_name, "base_url": settings.base_url,
            "locale": locale,
            "inbox_url": f"{settings.base_url}{links.INBOX}", **context}
    parts = []
    for kind in PARTS:
        name = f"{template}/{locale}.{kind}"
        try:
            parts.append(_env.get_template(name).render(full).strip())
        except TemplateNotFound:
            raise ValueError(f"email template {name} does not exist") from None
        except UndefinedError as error:
            raise ValueError(f"email template {name}: {error.message}") from None
    subject, summary, text, html = parts
    return Rendered(header_value(subject), summary, text, html)


def add_to_outbox(session: Session, *, to_email: str, rendered: Rendered, template: str,
                  locale: str, to_user_id: int | None, about: tuple[str, int | None]
                  ) -> OutboxEmail:
    if not to_email or "@" not in to_email or header_value(to_email) != to_email:
        raise ValueError("an email needs a recipient address on one line")
    row = OutboxEmail(to_email=to_email, to_user_id=to_user_id, template=template,
                      locale=normalize_locale(locale), subject=rendered.subject,
                      body_text=rendered.text, body_html=rendered.html,
                      about_type=about[0], about_id=about[1])
    session.add(row)
    return row


# ---- dispatching ----

def claim_due(session: Session, *, limit: int) -> list[int]:
    """Take up to `limit` due rows for this dispatcher and mark them `sending`."""
    now = utcnow()
    due = (select(OutboxEmail.id)
           .where(OutboxEmail.status == EmailStatus.PENDING.value,
                  OutboxEmail.next_attempt_at <= now)
           .order_by(OutboxEmail.next_attempt_at, OutboxEmail.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        ids = [row[0] for row in session.execute(due.with_for_update(skip_locked=True))]
        if ids:
            session.execute(update(OutboxEmail).where(OutboxEmail.id.in_(ids)).values(
                status=EmailStatus.SENDING.value, attempts=OutboxEmail.attempts + 1,
                next_attempt_at=now + SEND_LEASE))
        return ids
    claimed = []
    for (row_id,) in session.execute(due).all():
        won = session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.id == row_id, OutboxEmail.status == EmailStatus.PENDING.value)
            .values(status=EmailStatus.SENDING.value, attempts=OutboxEmail.attempts + 1,
                    next_attempt_at=now + SEND_LEASE))
        if won.rowcount == 1:
            claimed.append(row_id)
    return claimed


def dispatch_due(session_factory, mailer: Mailer, *, batch: int = 50) -> int:  # noqa: ANN001
    """Send what is due now; returns how many the provider accepted."""
    with session_factory() as session:
        ids = claim_due(session, limit=batch)
    sent, keep = 0, keeps_links(mailer)
    for row_id in ids:
        with session_factory() as session:
            row = session.get(OutboxEmail, row_id)
            message = OutgoingEmail(row.id, row.to_email, row.subject, row.body_text,
                                    row.body_html)
        try:
            provider_id = mailer.send(message)
        except TemporaryFailure as error:
            _record_failure(session_factory, row_id, str(error), permanent=False)
            continue
        except PermanentFailure as error:
            _record_failure(session_factory, row_id, str(error), permanent=True)
            continue
        except Exception as error:  # noqa: BLE001  (one bad message must not stall the batch)
            logger.exception("email %s could not be sent", row_id)
            _record_failure(session_factory, row_id, f"Not sendable: {type(error).__name__}: "
                            f"{error}", permanent=True)
            continue
        with session_factory() as session:
            session.execute(update(OutboxEmail).where(OutboxEmail.id == row_id).values(
                status=EmailStatus.SENT.value, sent_at=utcnow(), last_error="",
                provider_message_id=(provider_id or "")[:200],
                body_text=message.text if keep else without_tokens(message.text),
                body_html=message.html if keep else without_tokens(message.html)))
        sent += 1
    return sent


def _record_failure(session_factory, row_id: int, error: str, *, permanent: bool) -> None:  # noqa: ANN001
    with session_factory() as session:
        row = session.get(OutboxEmail, row_id)
        row.last_error = (error or "failed")[:1000]
        if permanent or row.attempts > len(RETRY_DELAYS):
            _fail(row)
        else:
            row.status = EmailStatus.PENDING.value
            row.next_attempt_at = utcnow() + RETRY_DELAYS[row.attempts - 1]


def without_tokens(body: str) -> str:
    """The stored copy of a message that will not be sent again: its links lose their tokens."""
    return TOKEN_IN_LINK.sub(r"\1[removed]", body)


def _fail(row: OutboxEmail) -> None:
    """A failed row keeps its link while the link can still work, so staff can send it again
    once the problem is fixed; `purge_stale_links` removes it after that."""
    row.status = EmailStatus.FAILED.value


def purge_stale_links(session: Session, *, now: datetime | None = None) -> int:
    """Failed emails older than the longest-lived one-time link lose their tokens: the link
    is dead anyway, and the stored copy no longer holds a secret."""
    cutoff = (now or utcnow()) - LONGEST_LINK_LIFETIME
    stale = session.execute(
        select(OutboxEmail).where(OutboxEmail.status == EmailStatus.FAILED.value,
                                  OutboxEmail.created_at < cutoff,
                                  OutboxEmail.body_text.contains("token="),
                                  ~OutboxEmail.body_text.contains(TOKEN_REMOVED))
    ).scalars().all()
    for row in stale:
        row.body_text, row.body_html = without_tokens(row.body_text), without_tokens(row.body_html)
    session.flush()
    return len(stale)


def sweep_interrupted(session: Session) -> int:
    """Rows left `sending` past their lease: a dispatcher died mid-send. Fail them for staff."""
    stuck = session.execute(
        select(OutboxEmail)
        .where(OutboxEmail.status == EmailStatus.SENDING.value,
               OutboxEmail.next_attempt_at < utcnow())
        .with_for_update(skip_locked=True)
    ).scalars().all()
    for row in stuck:
        _fail(row)
        row.last_error = ("Interrupted while sending: check the provider for custom argument "
                          "portal_email_id before resending.")
    session.flush()
    return len(stuck)


# ---- the staff Mail log ----

class MailSummary(BaseModel):
    id: int
    created_at: datetime
    to_email: str
    template: str
    subject: str
    status: EmailStatus
    attempts: int
    last_error: str


class MailMessage(MailSummary):
    text: str
    html: str
    locale: str
    sent_at: datetime | None
    provider_message_id: str
    next_attempt_at: datetime


def _require_staff(actor: Actor) -> None:
    if not can_use_staff_portal(actor):
        raise Forbidden("Only staff can read the mail log.")


def redact(text: str) -> str:
    """Staff read messages, not the secrets in their links (reset and confirmation tokens)."""
    return TOKEN_IN_LINK.sub(r"\1[hidden]", text)


def _status_filter(value: str):  # noqa: ANN202
    try:
        return OutboxEmail.status == EmailStatus(value).value
    except ValueError:
        raise Invalid("Unknown status {value}.", value=repr(value)) from None


def _template_filter(value: str):  # noqa: ANN202
    try:
        return OutboxEmail.template == EmailTemplate(value).value
    except ValueError:
        raise Invalid("Unknown kind of email.") from None


def _recipient_filter(value: str):  # noqa: ANN202
    """Part of the address is enough: staff type what the person told them."""
    return func.lower(OutboxEmail.to_email).like(like_pattern(value.strip()), escape="\\")


def list_mail(session: Session, actor: Actor, *, request: PageRequest,
              time_zone: str = "") -> Page[MailSummary]:
    """The Mail log; `from`/`to` are whole days in `time_zone` (the platform's by default)."""
    _require_staff(actor)
    zone = time_zone or get_settings().time_zone
    rows, total = paginate(
        session, select(OutboxEmail), request,
        sortable={"created_at": OutboxEmail.created_at, "to_email": OutboxEmail.to_email,
                  "status": OutboxEmail.status, "template": OutboxEmail.template},
        default_sort="created_at",
        searchable=(OutboxEmail.to_email, OutboxEmail.subject),
        filters={"status": _status_filter,
                 "template": _template_filter, "recipient": _recipient_filter,
                 "from": lambda v: OutboxEmail.created_at >= day_bound(v, zone, end=False),
                 "to": lambda v: OutboxEmail.created_at < day_bound(v, zone, end=True)},
        tiebreaker=OutboxEmail.id,
    )
    return Page[MailSummary](
        items=[MailSummary(id=r.id, created_at=r.created_at, to_email=r.to_email,
                           template=r.template, subject=r.subject, status=EmailStatus(r.status),
                           attempts=r.attempts, last_error=r.last_error) for (r,) in rows],
        total=total, page=request.page, page_size=request.page_size)


def get_mail(session: Session, actor: Actor, *, email_id: int) -> MailMessage:
    _require_staff(actor)
    row = session.get(OutboxEmail, email_id)
    if row is None:
        raise NotFound("No such email.")
    return MailMessage(
        id=row.id, created_at=row.created_at, to_email=row.to_email, template=row.template,
        subject=row.subject, status=EmailStatus(row.status), attempts=row.attempts,
        last_error=row.last_error, text=redact(row.body_text), html=redact(row.body_html),
        locale=row.locale, sent_at=row.sent_at, provider_message_id=row.provider_message_id,
        next_attempt_at=row.next_attempt_at)


def resend_mail(session: Session, actor: Actor, *, email_id: int, ip: str = "") -> MailMessage:
    """Queue a failed email again (audited)."""
    _require_staff(actor)
    row = session.get(OutboxEmail, email_id)
    if row is None:
        raise NotFound("No such email.")
    if row.status != EmailStatus.FAILED.value:
        raise Conflict("Only a failed email can be sent again.")
    if TOKEN_REMOVED in row.body_text:
        raise Conflict("This email's one-time link was removed when it failed: the person "
                       "can ask for a new link instead.")
    row.status, row.attempts, row.next_attempt_at = EmailStatus.PENDING.value, 0, utcnow()
    audit.record(session, actor_id=actor.user_id, action="email.resent", object_type="email",
                 object_id=row.id, before={"status": "failed", "last_error": row.last_error},
                 after={"status": "pending"}, ip=ip)
    session.flush()
    return get_mail(session, actor, email_id=email_id)
