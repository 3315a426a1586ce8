"""SendGrid adapter (the official SDK). Our outbox row id travels as the custom argument
`portal_email_id`, so a message can always be traced at the provider."""

from __future__ import annotations

from urllib.error import URLError

from python_http_client.exceptions import HTTPError
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import CustomArg, From, Mail, To

from portal.services.emails import (
    OutgoingEmail,
    PermanentFailure,
    TemporaryFailure,
    header_value,
)

# 429 (rate limited) and 5xx are worth retrying; other 4xx will never succeed as they are.
RETRY_STATUSES = frozenset({408, 429})


class SendGridMailer:
    def __init__(self, *, api_key: str, sender: str, sender_name: str = "",
                 host: str = "https://api.sendgrid.com", timeout: float = 15):
        self.client = SendGridAPIClient(api_key=api_key, host=host)
        self.sender = From(sender, header_value(sender_name) or None)
        self.timeout = timeout

    def build(self, message: OutgoingEmail) -> dict:
        # Rows rendered before headers were cleaned at render time may still hold a newline.
        mail = Mail(from_email=self.sender, to_emails=To(header_value(message.to_email)),
                    subject=header_value(message.subject), plain_text_content=message.text,
                    html_content=message.html)
        mail.custom_arg = CustomArg("portal_email_id", str(message.row_id))
        return mail.get()

    def send(self, message: OutgoingEmail) -> str:
        body = self.build(message)
        try:
            response = self.client.client.mail.send.post(request_body=body, timeout=self.timeout)
        except HTTPError as error:
            detail = f"SendGrid {error.status_code}: {_text(error.body)}"[:1000]
            if error.status_code >= 500 or error.status_code in RETRY_STATUSES:
                raise TemporaryFailure(detail) from None
            raise PermanentFailure(detail) from None
        except (URLError, TimeoutError, ConnectionError, OSError) as error:
            raise TemporaryFailure(f"SendGrid unreachable: {error}"[:1000]) from None
        return response.headers.get("X-Message-Id", "") or f"sendgrid-{message.row_id}"


def _text(body: bytes | str | None) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8", "replace")
    return body or ""
