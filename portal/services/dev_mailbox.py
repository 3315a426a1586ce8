"""The Dev mailbox: in development, every email the portal wrote, readable by whoever walks the
demo, with its links (the log mailer keeps their one-time tokens). Refused in production, where
real people's links are secrets."""

from __future__ import annotations

import base64
import html
import re
from datetime import datetime
from functools import cache
from pathlib import Path

from pydantic import BaseModel
from sqlmodel import Session, col, select

from portal.domain.errors import Forbidden, NotFound
from portal.domain.models import EmailStatus, OutboxEmail
from portal.domain.policies import Actor
from portal.settings import Environment, Settings, get_settings

LIMIT = 100
LOGO = Path(__file__).resolve().parents[2] / "assets" / "logo.svg"
_LINK = re.compile(r"https?://[^\s<>\"')]+")
_HREF = re.compile(r'href="(https?://[^"]+)"')


class DevMailSummary(BaseModel):
    id: int
    created_at: datetime
    to_email: str
    subject: str
    status: EmailStatus


class DevMail(DevMailSummary):
    text: str
    html: str
    links: list[str]


def dev_mailbox_open(settings: Settings | None = None) -> bool:
    return (settings or get_settings()).environment is not Environment.PRODUCTION


def _require_development() -> None:
    if not dev_mailbox_open():
        raise Forbidden("The dev mailbox exists only in development.")


def links_in(text: str, body_html: str = "") -> list[str]:
    """Each link of a message (its text, then its HTML's hrefs) once, in order."""
    found = [match.rstrip(".,;:") for match in _LINK.findall(text)]
    found += [html.unescape(href) for href in _HREF.findall(body_html)]
    return list(dict.fromkeys(found))


@cache
def logo_data_uri() -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(LOGO.read_bytes()).decode("ascii")


def with_inline_logo(body_html: str, base_url: str) -> str:
    """The email's logo as a data: URI, which a preview whose policy loads nothing remote
    (img-src data:) still shows."""
    return body_html.replace(f'src="{base_url}/logo.svg"', f'src="{logo_data_uri()}"')


def list_dev_mail(session: Session, actor: Actor, *, limit: int = LIMIT
                  ) -> list[DevMailSummary]:
    """The newest emails first; anyone may read them, in development only."""
    _require_development()
    rows = session.exec(select(OutboxEmail).order_by(col(OutboxEmail.created_at).desc(),
                                                     col(OutboxEmail.id).desc()).limit(limit))
    return [DevMailSummary(id=r.id or 0, created_at=r.created_at, to_email=r.to_email,
                           subject=r.subject, status=EmailStatus(r.status)) for r in rows]


def get_dev_mail(session: Session, actor: Actor, *, email_id: int) -> DevMail:
    _require_development()
    row = session.get(OutboxEmail, email_id)
    if row is None:
        raise NotFound("No such email.")
    return DevMail(id=row.id or 0, created_at=row.created_at, to_email=row.to_email,
                   subject=row.subject, status=EmailStatus(row.status), text=row.body_text,
                   html=with_inline_logo(row.body_html, get_settings().base_url),
                   links=links_in(row.body_text, row.body_html))
