"""The card gateway's webhook (`POST /hooks/stripe`): the body and its Stripe-Signature header
go to the webhook service as they arrived (the signature covers the exact bytes). The answer
is Stripe's cue: 2xx done, 400 never retry (a forged or stale delivery), 5xx retry later."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from portal.services.payment_webhooks import receive
from portal.wiring import card_gateway

MAX_BODY = 512 * 1024  # Stripe's events are a few kilobytes
ANSWERS = {200: "ok", 400: "bad signature", 503: "try again"}


async def stripe_webhook(request: Request) -> JSONResponse:
    payload = await request.body()
    if len(payload) > MAX_BODY:
        return JSONResponse({"status": "too large"}, status_code=413)
    signature = request.headers.get("stripe-signature", "")
    status = await run_in_threadpool(receive, payload, signature, card_gateway())
    return JSONResponse({"status": ANSWERS.get(status, "done")}, status_code=status)
