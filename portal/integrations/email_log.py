"""The log mailer (default for `make run`): sends nothing; the message stays readable in the
outbox table and the staff Mail log. Refused in production by the settings."""

from __future__ import annotations

import logging

from portal.services.emails import OutgoingEmail

logger = logging.getLogger("portal.mail")


class LogMailer:
    keeps_links = True  # nothing left: the Dev mailbox shows the links as they were "sent"

    def send(self, message: OutgoingEmail) -> str:
        logger.info("mail to %s: %s", message.to_email, message.subject)
        return f"log-{message.row_id}"
