"""The one place that picks adapters from the settings."""

from __future__ import annotations

from portal.services.emails import Mailer
from portal.settings import Mailer as MailerKind
from portal.settings import get_settings


def mailer() -> Mailer:
    kind = get_settings().mailer
    if kind is MailerKind.LOG:
        from portal.integrations.email_log import LogMailer

        return LogMailer()
    raise NotImplementedError(f"the {kind.value} mailer arrives with the notifications work")
