"""SMTP adapter (standard library): STARTTLS and login when configured. Our outbox row id
travels in the X-Portal-Email-Id header."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from portal.services.emails import (
    OutgoingEmail,
    PermanentFailure,
    TemporaryFailure,
    header_value,
)


class SmtpMailer:
    def __init__(self, *, host: str, port: int, sender: str, sender_name: str = "",
                 username: str = "", password: str = "", starttls: bool = True,
                 timeout: float = 15):
        self.host, self.port, self.timeout = host, port, timeout
        sender_name = header_value(sender_name)
        self.sender = formataddr((sender_name, sender)) if sender_name else sender
        self.username, self.password, self.starttls = username, password, starttls

    def build(self, message: OutgoingEmail) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.sender
        # Rows rendered before headers were cleaned at render time may still hold a newline.
        mail["To"] = header_value(message.to_email)
        mail["Subject"] = header_value(message.subject)
        mail["Message-ID"] = make_msgid(idstring=f"portal-{message.row_id}")
        mail["X-Portal-Email-Id"] = str(message.row_id)
        mail.set_content(message.text)
        mail.add_alternative(message.html, subtype="html")
        return mail

    def send(self, message: OutgoingEmail) -> str:
        mail = self.build(message)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
                refused = smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            raise _by_code(min(code for code, _ in error.recipients.values()),
                           f"recipient refused: {error.recipients}") from None
        except smtplib.SMTPResponseException as error:
            raise _by_code(error.smtp_code, f"SMTP {error.smtp_code}: {error.smtp_error!r}") \
                from None
        except (smtplib.SMTPException, OSError) as error:
            raise TemporaryFailure(f"SMTP server unreachable: {error}"[:1000]) from None
        if refused:
            raise PermanentFailure(f"recipient refused: {refused}"[:1000])
        return str(mail["Message-ID"])


def _by_code(code: int, detail: str) -> Exception:
    if 400 <= code < 500:
        return TemporaryFailure(detail[:1000])
    return PermanentFailure(detail[:1000])
