"""Ticket codes: what the QR code carries and door staff type in."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: a code read aloud or typed at the door is not misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS = 3


def new_ticket_code() -> str:
    """Twelve characters from a 31-letter alphabet: about 59 bits, not guessable."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(4))
              for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise_code(text: str) -> str:
    """What someone typed or scanned, as a stored code: case, spaces and dashes do not matter,
    and a scanned ticket link gives its code."""
    text = (text or "").strip()
    if "code=" in text:
        text = text.split("code=", 1)[1].split("&", 1)[0]
    raw = "".join(ch for ch in text.upper() if ch.isalnum())[:40]
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))
