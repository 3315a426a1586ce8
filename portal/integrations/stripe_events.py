"""Stripe's webhook signature (`Stripe-Signature: t=…,v1=HMAC-SHA256`), checked and made with
the official SDK. The Stripe adapter and the demo gateway both use it, so a demo payment goes
through exactly the verification a real one does."""

from __future__ import annotations

import json

import stripe

from portal.services.payment_gateway import BadSignature, GatewayEvent

TOLERANCE_SECONDS = 300


def verified_event(payload: bytes, signature_header: str, secret: str) -> GatewayEvent:
    """The event in `payload` if its signature verifies within the tolerance; BadSignature for
    a wrong or missing signature, a stale timestamp or a body that is not an event."""
    try:
        stripe.WebhookSignature.verify_header(payload, signature_header, secret,
                                              tolerance=TOLERANCE_SECONDS)
        event = json.loads(payload)
        data = event["data"]["object"]
        return GatewayEvent(id=str(event["id"]), type=str(event["type"]),
                            object_id=str(data.get("id", "")),
                            object_type=str(data.get("object", "")))
    except (stripe.SignatureVerificationError, ValueError, KeyError, TypeError,
            AttributeError) as error:
        raise BadSignature(str(error)[:200]) from None


def signature_header(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The header Stripe would send with `payload` (for the demo gateway and tests)."""
    return stripe.WebhookSignature.generate_signature_header(payload.decode("utf-8"), secret,
                                                             timestamp)
