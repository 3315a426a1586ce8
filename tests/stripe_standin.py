"""A local stand-in for the part of Stripe's API the card gateway calls, reached by the real
`stripe` SDK through its API base: Checkout Sessions (create, retrieve, expire), Refunds (create,
retrieve, list), PaymentIntents (retrieve, with `expand`), Charges (list) with their balance
transactions (the processing fee), and Events (retrieve).

Bodies are form-encoded the way the SDK sends them (`line_items[0][price_data][currency]=cny`);
answers are Stripe-shaped JSON. It keeps what Stripe keeps that matters to us:

- an `Idempotency-Key` seen before replays the first answer (a different request under the same
  key is refused, as Stripe does);
- every request is recorded (method, path, params, headers) so tests can assert exactly what
  was sent;
- tests drive what happens on Stripe's side: `complete()` pays a session (creating its
  PaymentIntent), `expire()` lets it lapse, `set_refund_status()` moves a refund; `fail_next()`
  answers the next requests with a 5xx (nothing done), `hang_next()` does the work and then
  never answers in time (a lost response);
- a paid PaymentIntent gets a charge and a balance transaction whose fee is `fee_for(amount)`
  (3.4 % + 2.00, Stripe's standard card pricing shape); `fee_pending = True` leaves new charges
  without one for a while, as Stripe can; lists page by `limit`/`starting_after`, newest first,
  filtered by `created[gte]`/`created[lt]`;
- `signed_event()` builds an event around an object and signs it as Stripe signs webhooks
  (`Stripe-Signature: t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<payload>")>`).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.stripe_standin_money import MoneyMovements, StripeError, invalid, missing

API_VERSION = "2025-09-30.clover"


def decode_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """`a[b][0][c]=v` pairs back into nested dicts and lists, as Stripe reads them."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(root)


def _lists(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_lists(node[key]) for key in sorted(node, key=int)]
    return {key: _lists(value) for key, value in node.items()}


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The `Stripe-Signature` header Stripe would send with `payload`."""
    stamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256)
    return f"t={stamp},v1={mac.hexdigest()}"


_invalid, _missing = invalid, missing


class StripeStandIn(MoneyMovements):
    def __init__(self, *, hang_seconds: float = 3.0) -> None:
        self.requests: list[dict[str, Any]] = []
        self.sessions: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.intents: dict[str, dict[str, Any]] = {}
        self.events: dict[str, dict[str, Any]] = {}
        self.charges: dict[str, dict[str, Any]] = {}
        self.balance_transactions: dict[str, dict[str, Any]] = {}
        self.fee_pending = False
        self.settles_in = None
        self.refund_status = "succeeded"  # what a new refund starts as
        self.hang_seconds = hang_seconds
        self._answers: deque[int | str] = deque()
        self._replays: dict[str, tuple[str, int, dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._released = threading.Event()
        self.lock = threading.RLock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stall

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                standin._serve(self, "GET")

            def do_POST(self) -> None:  # noqa: N802
                standin._serve(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    # -- life cycle ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> StripeStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._released.set()  # hanging answers end now
        self.server.shutdown()
        self.server.server_close()

    # -- test controls ---------------------------------------------------------------------

    def fail_next(self, count: int = 1, status: int = 500) -> None:
        """The next `count` requests get `status` and change nothing."""
        with self.lock:
            self._answers.extend([status] * count)

    def hang_next(self, count: int = 1) -> None:
        """The next `count` requests are carried out but answered only after `hang_seconds`
        (longer than the client's timeout): the response is lost, the object exists."""
        with self.lock:
            self._answers.extend(["hang"] * count)

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_test_{next(self._ids):06d}"

    def complete(self, session_id: str, *, paid: bool = True) -> dict[str, Any]:
        """The customer pays on Stripe's page: the session completes with a PaymentIntent
        (`paid=False`: a delayed method, still processing — see `settle_async`)."""
        with self.lock:
            session = self.sessions[session_id]
            if session["status"] != "open":
                raise ValueError(f"session {session_id} is {session['status']}")
            intent_id = self._new_id("pi")
            self.intents[intent_id] = {
                "id": intent_id, "object": "payment_intent", "amount": session["amount_total"],
                "amount_received": session["amount_total"] if paid else 0,
                "currency": session["currency"], "metadata": dict(session["metadata"]),
                "status": "succeeded" if paid else "processing", "refunded": 0,
                "created": int(time.time()), "latest_charge": None}
            if paid:
                self._charge(intent_id)
            session.update(status="complete", payment_intent=intent_id,
                           payment_status="paid" if paid else "unpaid", url=None)
            return copy.deepcopy(session)

    def settle_async(self, session_id: str, *, succeeded: bool) -> dict[str, Any]:
        """A delayed payment method ends: paid, or failed."""
        with self.lock:
            session = self.sessions[session_id]
            intent = self.intents[session["payment_intent"]]
            intent["status"] = "succeeded" if succeeded else "requires_payment_method"
            intent["amount_received"] = intent["amount"] if succeeded else 0
            if succeeded:
                self._charge(session["payment_intent"])
            session["payment_status"] = "paid" if succeeded else "unpaid"
            return copy.deepcopy(session)

    def expire(self, session_id: str) -> dict[str, Any]:
        """The session lapses on Stripe's side (its expires_at passed)."""
        with self.lock:
            session = self.sessions[session_id]
            if session["status"] == "open":
                session.update(status="expired", url=None)
            return copy.deepcopy(session)

    def set_refund_status(self, refund_id: str, status: str) -> dict[str, Any]:
        with self.lock:
            refund = self.refunds[refund_id]
            if status == "failed" and refund["status"] != "failed":
                self.intents[refund["payment_intent"]]["refunded"] -= refund["amount"]
            refund["status"] = status
            return copy.deepcopy(refund)

    def calls(self, method: str, path_prefix: str) -> list[dict[str, Any]]:
        """Recorded requests by method and path prefix, in order."""
        with self.lock:
            return [r for r in self.requests
                    if r["method"] == method and r["path"].startswith(path_prefix)]

    def event(self, event_type: str, obj: dict[str, Any], *,
              event_id: str | None = None) -> dict[str, Any]:
        """A Stripe-shaped event carrying a snapshot of `obj` (kept for GET /v1/events/{id})."""
        with self.lock:
            event = {"id": event_id or self._new_id("evt"), "object": "event",
                     "api_version": API_VERSION, "created": int(time.time()),
                     "type": event_type, "livemode": False, "pending_webhooks": 1,
                     "request": {"id": None, "idempotency_key": None},
                     "data": {"object": copy.deepcopy(obj)}}
            self.events[event["id"]] = event
            return copy.deepcopy(event)

    @staticmethod
    def signed(event: dict[str, Any], secret: str,
               timestamp: int | None = None) -> tuple[bytes, str]:
        """The body and `Stripe-Signature` header of a webhook delivery of `event`."""
        payload = json.dumps(event, indent=2).encode()
        return payload, sign(payload, secret, timestamp)

    def signed_event(self, event_type: str, obj: dict[str, Any], secret: str, *,
                     event_id: str | None = None,
                     timestamp: int | None = None) -> tuple[bytes, str]:
        return self.signed(self.event(event_type, obj, event_id=event_id), secret, timestamp)

    # -- the API ---------------------------------------------------------------------------

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        split = urlsplit(handler.path)
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        pairs = parse_qsl(split.query if method == "GET" else body.decode(),
                          keep_blank_values=True)
        params = decode_form(pairs)
        key = handler.headers.get("Idempotency-Key") or ""
        with self.lock:
            self.requests.append({"method": method, "path": split.path, "params": params,
                                  "headers": {k.lower(): v for k, v in handler.headers.items()},
                                  "idempotency_key": key})
            answer = self._answers.popleft() if self._answers else None
            if isinstance(answer, int):
                status, payload = answer, {"error": {
                    "type": "api_error", "message": f"stand-in answer {answer}"}}
            else:
                status, payload = self._answer(method, split.path, params, key)
        if answer == "hang":
            self._released.wait(self.hang_seconds)
        data = json.dumps(payload).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.send_header("Request-Id", f"req_{len(self.requests)}")
            if key:
                handler.send_header("Idempotency-Key", key)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            pass

    def _answer(self, method: str, path: str, params: dict[str, Any],
                key: str) -> tuple[int, dict[str, Any]]:
        fingerprint = json.dumps([path, params], sort_keys=True)
        if method == "POST" and key:
            if key in self._replays:
                first, status, payload = self._replays[key]
                if first != fingerprint:
                    return 400, StripeError(
                        400, "idempotency_error", "Keys for idempotent requests can only be "
                        "used with the same parameters they were first used with.").body()
                return status, copy.deepcopy(payload)
        try:
            status, payload = 200, self._route(method, path, params)
        except StripeError as error:
            status, payload = error.status, error.body()
        if method == "POST" and key and status < 500:
            self._replays[key] = (fingerprint, status, copy.deepcopy(payload))
        return status, payload

    def _route(self, method: str, path: str, params: dict[str, Any]) -> dict[str, Any]:
        parts = path.strip("/").split("/")
        match method, parts:
            case "POST", ["v1", "checkout", "sessions"]:
                return self._create_session(params)
            case "GET", ["v1", "checkout", "sessions", session_id]:
                return copy.deepcopy(self._session(session_id))
            case "POST", ["v1", "checkout", "sessions", session_id, "expire"]:
                session = self._session(session_id)
                if session["status"] != "open":
                    raise _invalid(f"Only Checkout Sessions with a status of `open` can be "
                                   f"expired. This session has a status of "
                                   f"`{session['status']}`.", "checkout_session_not_open")
                session.update(status="expired", url=None)
                return copy.deepcopy(session)
            case "POST", ["v1", "refunds"]:
                return self._create_refund(params)
            case "GET", ["v1", "refunds", refund_id]:
                if refund_id not in self.refunds:
                    raise _missing("refund", refund_id)
                return copy.deepcopy(self.refunds[refund_id])
            case "GET", ["v1", "payment_intents", intent_id]:
                if intent_id not in self.intents:
                    raise _missing("payment_intent", intent_id)
                return self._expanded(copy.deepcopy(self.intents[intent_id]),
                                      params.get("expand") or [])
            case "GET", ["v1", "charges"]:
                return self._list("/v1/charges", self.charges, params)
            case "GET", ["v1", "refunds"]:
                return self._list("/v1/refunds", self.refunds, params)
            case "GET", ["v1", "events", event_id]:
                if event_id not in self.events:
                    raise _missing("event", event_id)
                return copy.deepcopy(self.events[event_id])
        raise StripeError(404, "invalid_request_error", f"Unrecognized request URL ({method}: "
                          f"{path}).")

    def _session(self, session_id: str) -> dict[str, Any]:
        if session_id not in self.sessions:
            raise _missing("checkout.session", session_id)
        return self.sessions[session_id]

    def _create_session(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("mode") != "payment":
            raise _invalid("Only mode=payment is served by the stand-in.")
        lines = params.get("line_items")
        if not isinstance(lines, list) or not lines:
            raise _invalid("line_items is required in payment mode.", "parameter_missing")
        currencies = {line["price_data"]["currency"] for line in lines}
        if len(currencies) != 1 or not next(iter(currencies)).islower():
            raise _invalid("All line items need one lowercase currency.")
        total = 0
        for line in lines:
            amount, quantity = int(line["price_data"]["unit_amount"]), int(line["quantity"])
            if amount < 0 or quantity < 1 or not line["price_data"]["product_data"]["name"]:
                raise _invalid("A line item needs a name, an amount and a quantity.")
            total += amount * quantity
        now = int(time.time())
        expires_at = int(params.get("expires_at") or now + 24 * 3600)
        if not now + 30 * 60 - 5 <= expires_at <= now + 24 * 3600:
            raise _invalid("The `expires_at` timestamp must be between 30 minutes and 24 "
                           "hours from Checkout Session creation.")
        for url in ("success_url", "cancel_url"):
            if not str(params.get(url, "")).startswith(("http://", "https://")):
                raise _invalid(f"Not a valid URL: {url}", "url_invalid")
        session_id = self._new_id("cs")
        session = {
            "id": session_id, "object": "checkout.session", "mode": "payment",
            "payment_method_types": params.get("payment_method_types") or ["card"],
            "status": "open", "payment_status": "unpaid", "amount_total": total,
            "amount_subtotal": total, "currency": next(iter(currencies)),
            "client_reference_id": params.get("client_reference_id"),
            "customer_email": params.get("customer_email"),
            "metadata": dict(params.get("metadata") or {}), "expires_at": expires_at,
            "success_url": params["success_url"], "cancel_url": params["cancel_url"],
            "locale": params.get("locale"), "payment_intent": None, "livemode": False,
            "created": now, "url": f"{self.url}/c/pay/{session_id}"}
        self.sessions[session_id] = session
        return copy.deepcopy(session)

    def _create_refund(self, params: dict[str, Any]) -> dict[str, Any]:
        intent_id = str(params.get("payment_intent") or "")
        intent = self.intents.get(intent_id)
        if intent is None:
            raise _missing("payment_intent", intent_id)
        if intent["status"] != "succeeded":
            raise _invalid("This PaymentIntent has no successful charge to refund.",
                           "charge_not_refundable")
        left = intent["amount"] - intent["refunded"]
        amount = int(params.get("amount") or left)
        if amount <= 0 or amount > left:
            raise _invalid(f"Refund amount ({amount}) is greater than unrefunded amount on "
                           f"charge ({left})", "amount_too_large")
        intent["refunded"] += amount
        refund_id = self._new_id("re")
        refund = {"id": refund_id, "object": "refund", "amount": amount,
                  "currency": intent["currency"], "payment_intent": intent_id,
                  "metadata": dict(params.get("metadata") or {}),
                  "status": self.refund_status, "created": int(time.time())}
        self.refunds[refund_id] = refund
        return copy.deepcopy(refund)
