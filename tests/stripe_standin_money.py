"""The money side of the Stripe stand-in: charges with their balance transactions (the
processing fee, 3.4 % + 2.00 as Stripe's standard card pricing is shaped), PaymentIntents read
with `expand`, and the paginated lists of charges and refunds that reconciliation reads (newest
first, `limit`/`starting_after`, filtered by `created[gte]`/`created[lt]`)."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any


class StripeError(Exception):
    def __init__(self, status: int, kind: str, message: str, code: str = "") -> None:
        super().__init__(message)
        self.status, self.kind, self.code = status, kind, code

    def body(self) -> dict[str, Any]:
        error = {"type": self.kind, "message": str(self)}
        if self.code:
            error["code"] = self.code
        return {"error": error}


def missing(kind: str, object_id: str) -> StripeError:
    return StripeError(404, "invalid_request_error", f"No such {kind}: '{object_id}'",
                       "resource_missing")


def invalid(message: str, code: str = "parameter_invalid") -> StripeError:
    return StripeError(400, "invalid_request_error", message, code)


class MoneyMovements:
    intents: dict[str, dict[str, Any]]
    charges: dict[str, dict[str, Any]]
    balance_transactions: dict[str, dict[str, Any]]
    fee_pending: bool
    settles_in: tuple[str, str] | None  # (currency, rate): an account paid out in another one
    lock: threading.RLock
    _new_id: Callable[[str], str]

    @staticmethod
    def fee_for(amount: int) -> int:
        return min(amount, round(amount * 34 / 1000) + 200)

    def _charge(self, intent_id: str, *, created: int | None = None) -> dict[str, Any]:
        """The charge behind a paid PaymentIntent, with its balance transaction (fee)."""
        intent = self.intents[intent_id]
        charge_id = self._new_id("ch")
        charge = {"id": charge_id, "object": "charge", "amount": intent["amount"],
                  "currency": intent["currency"], "payment_intent": intent_id,
                  "status": "succeeded", "paid": True,
                  "created": int(time.time()) if created is None else created,
                  "balance_transaction": None}
        self.charges[charge_id] = charge
        intent["latest_charge"] = charge_id
        if not self.fee_pending:
            self.settle_fee(charge_id)
        return charge

    def settle_fee(self, charge_id: str) -> dict[str, Any]:
        """The charge's balance transaction appears (with its fee)."""
        with self.lock:
            charge = self.charges[charge_id]
            txn_id = self._new_id("txn")
            amount, currency, rate = charge["amount"], charge["currency"], None
            if self.settles_in and self.settles_in[0] != currency:
                currency, rate = self.settles_in[0], float(self.settles_in[1])
                amount = round(amount * rate)  # both currencies have two decimals here
            fee = self.fee_for(amount)
            self.balance_transactions[txn_id] = {
                "id": txn_id, "object": "balance_transaction", "amount": amount,
                "fee": fee, "net": amount - fee, "currency": currency, "exchange_rate": rate,
                "source": charge_id, "type": "charge", "created": charge["created"]}
            charge["balance_transaction"] = txn_id
            return copy.deepcopy(self.balance_transactions[txn_id])

    def add_charge(self, amount: int, *, currency: str = "cny",
                   created: int | None = None) -> dict[str, Any]:
        """A charge made on Stripe's side that the portal never heard of."""
        with self.lock:
            intent_id = self._new_id("pi")
            self.intents[intent_id] = {
                "id": intent_id, "object": "payment_intent", "amount": amount,
                "amount_received": amount, "currency": currency, "metadata": {},
                "status": "succeeded", "refunded": 0, "latest_charge": None,
                "created": int(time.time()) if created is None else created}
            return copy.deepcopy(self._charge(intent_id, created=created))

    def _expanded(self, intent: dict[str, Any], expand: list[str]) -> dict[str, Any]:
        if "latest_charge" in expand or "latest_charge.balance_transaction" in expand:
            charge_id = intent.get("latest_charge")
            if charge_id:
                intent["latest_charge"] = charge = copy.deepcopy(self.charges[charge_id])
                txn_id = charge.get("balance_transaction")
                if txn_id and "latest_charge.balance_transaction" in expand:
                    charge["balance_transaction"] = copy.deepcopy(
                        self.balance_transactions[txn_id])
        return intent

    @staticmethod
    def _list(url: str, objects: dict[str, dict[str, Any]],
              params: dict[str, Any]) -> dict[str, Any]:
        created = params.get("created") or {}
        limit = int(params.get("limit") or 10)
        if not 1 <= limit <= 100:
            raise invalid("limit must be between 1 and 100.")
        chosen = [o for o in objects.values()
                  if ("gte" not in created or o["created"] >= int(created["gte"]))
                  and ("lt" not in created or o["created"] < int(created["lt"]))]
        chosen.sort(key=lambda o: (o["created"], o["id"]), reverse=True)  # newest first
        after = params.get("starting_after")
        if after:
            ids = [o["id"] for o in chosen]
            if after not in ids:
                raise missing("object", str(after))
            chosen = chosen[ids.index(after) + 1:]
        page = chosen[:limit]
        return {"object": "list", "url": url, "has_more": len(chosen) > limit,
                "data": copy.deepcopy(page)}

