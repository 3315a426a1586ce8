"""SendGrid Inbound Parse fields as an email to the complaint address.

Inbound Parse posts multipart/form-data: `from`, `to`, `subject`, `text`, `html`, `envelope`
(JSON with the SMTP sender), `charsets` (JSON: the charset of each field), `SPF` (the SPF
result for the envelope sender), `dkim` ("{@example.org : pass, ...}"), `attachments` (a
count), `attachment-info` (JSON) and files `attachment1..N`.

Anyone can write any From header. The sender counts as verified only when the receiving
server vouched for the From domain: DKIM passed for that domain, or SPF passed for an envelope
sender in that domain. Otherwise the complaint is kept but linked to no account."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Mapping, Sequence
from email.utils import parseaddr

from portal.services.complaint_views import EvidenceUpload
from portal.services.complaints_filing import InboundEmail
from portal.settings import get_settings

DKIM_RESULT = re.compile(r"@([^\s:,{}]+)\s*:\s*([a-z]+)", re.IGNORECASE)
TAGS = re.compile(r"<[^>]+>")
MESSAGE_ID = re.compile(r"^message-id:[ \t]*(<[^>\r\n]{1,290}>)", re.IGNORECASE | re.MULTILINE)
TEXT_FIELDS = ("from", "to", "subject", "text", "html")


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(".")


def _json(value: str | None) -> dict:
    try:
        found = json.loads(value or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def sender_verified(sender: str, *, spf: str, dkim: str, envelope_from: str) -> bool:
    """Whether the receiving server vouched for the From address's domain."""
    domain = _domain(sender)
    if not domain or "@" not in sender:
        return False
    for signed, result in DKIM_RESULT.findall(dkim or ""):
        if signed.lower().rstrip(".") == domain and result.lower() == "pass":
            return True
    return (spf or "").strip().lower() == "pass" and _domain(envelope_from) == domain


def _recode(value: str, charset: str) -> str:
    """A field the form parser read as Latin-1 because it was not UTF-8: read it again in the
    charset the sender declared (GB2312, Big5 ...)."""
    if not charset or charset.lower().replace("-", "") in ("utf8", "usascii", "ascii"):
        return value
    try:
        return value.encode("latin-1").decode(charset)
    except (UnicodeError, LookupError):
        return value


def _plain(text: str, html_body: str) -> str:
    if text.strip():
        return text
    return html.unescape(TAGS.sub(" ", html_body))


def parse_inbound(fields: Mapping[str, str], attachments: Sequence[EvidenceUpload],
                  own_addresses: Collection[str] = ()) -> InboundEmail | None:
    """The email, or None when it must not become a complaint: no sender address, or our own
    mail coming back (an auto-reply loop): from the sending address, the complaint address in
    the environment, or any in `own_addresses` (the one set on the settings screen)."""
    charsets = _json(fields.get("charsets"))
    values = {name: _recode(fields.get(name, "") or "", str(charsets.get(name, "")))
              for name in TEXT_FIELDS}
    name, address = parseaddr(values["from"])
    address = address.strip().lower()
    settings = get_settings()
    ours = {a.strip().lower() for a in (settings.mail_from, settings.complaint_email,
                                        *own_addresses)}
    if "@" not in address or address in ours:
        return None
    envelope = _json(fields.get("envelope"))
    return InboundEmail(
        sender_email=address, sender_name=name.strip(), subject=values["subject"],
        text=_plain(values["text"], values["html"]), to=values["to"],
        sender_verified=sender_verified(address, spf=fields.get("SPF", ""),
                                        dkim=fields.get("dkim", ""),
                                        envelope_from=str(envelope.get("from") or "")),
        attachments=list(attachments), message_id=_message_id(fields.get("headers", "")))


def _message_id(headers: str) -> str:
    found = MESSAGE_ID.search(headers or "")
    return found.group(1) if found else ""
