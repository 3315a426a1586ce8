"""The one way a handler reaches a service: resolve the actor from the session cookie and run
the use case in the SAME transaction.

A use case says whether it reads or writes. A read runs in a deferred, read-only transaction
(it never takes SQLite's write lock; a write inside it fails loudly). A write runs in a
deferred transaction that takes the write lock only at its first write; when SQLite refuses
the lock because another writer got in first, the whole use case runs again (it rolled back,
so nothing was half-done). Callers run this off the asyncio loop (a worker thread): password
hashing, rendering and file I/O inside a service never delay other clients.

Nothing here imports reflex: the UI calls `run_use_case` through `SessionState._read/_write`,
and the HTTP routes and tests can call it directly.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from sqlalchemy.exc import DataError, OperationalError
from sqlmodel import Session

from portal.db import TxMode, session_scope
from portal.domain.errors import DomainError, Forbidden, Invalid
from portal.domain.policies import Actor
from portal.services import audit
from portal.services.commands import FALLBACK, invalid_from
from portal.services.platform_texts import RULES_CHANGED, RulesNotAccepted, before_rules
from portal.services.sessions import resolve_actor, touch_session

T = TypeVar("T")
UseCase = Callable[..., T]
LOCK_RETRIES = 6


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a use case returned or the rule that refused it, and who it ran as (the UI binds
    its state to that session, refused or not)."""

    actor: Actor
    value: T | None = None
    error: DomainError | None = None

    def unwrap(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


def public(service: Callable[..., T]) -> UseCase[T]:
    """Adapt a service that takes no actor (public pages, sign-in) to the runner's shape."""

    @functools.wraps(service)
    def use_case(session: Session, _actor: Actor, *args: Any, **kwargs: Any) -> T:
        return service(session, *args, **kwargs)

    return before_rules(use_case)  # it acts as nobody: the rules gate does not apply


def _locked(error: OperationalError) -> bool:
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    return "database is locked" in text or "database table is locked" in text \
        or "could not serialize" in text or "deadlock detected" in text


def _once(token: str, service: UseCase[T], args: tuple, kwargs: dict, mode: TxMode
          ) -> Outcome[T]:
    with session_scope(mode=mode) as session:
        actor = resolve_actor(session, token, touch=mode is not TxMode.READ)
        try:
            if actor.rules_pending and not getattr(service, "before_rules", False):
                raise RulesNotAccepted(RULES_CHANGED)
            return Outcome(actor, service(session, actor, *args, **kwargs))
        except ValidationError as error:
            failure: DomainError = invalid_from(error)
        except DataError:  # a value the database cannot hold (e.g. NUL in PostgreSQL text)
            failure = Invalid(FALLBACK)
        except DomainError as error:
            failure = error
        session.rollback()  # a refusal changes nothing
        return Outcome(actor, error=failure)


def run_use_case(service: UseCase[T], *args: Any, session_token: str, client_ip: str = "",
                 write: bool, **kwargs: Any) -> Outcome[T]:
    """Run `service(session, actor, *args, **kwargs)` for the person holding `session_token`
    (the raw session cookie).

    A refusal comes back in `Outcome.error` (a pydantic ValidationError becomes `Invalid`
    naming the field); anything else propagates. A signed-in person's refused attempt is
    audited: forged calls leave a trace.
    """
    mode = getattr(service, "tx_mode", TxMode.WRITE) if write else TxMode.READ
    attempt = 0
    while True:
        try:
            outcome = _once(session_token, service, args, kwargs, mode)
            break
        except OperationalError as error:
            attempt += 1
            if not write or not _locked(error) or attempt >= LOCK_RETRIES:
                raise
            time.sleep(random.uniform(0.005, 0.03) * attempt)
    if isinstance(outcome.error, Forbidden) and outcome.actor.is_authenticated:
        _audit_refusal(outcome.actor, service, kwargs, client_ip)
    if not write and outcome.actor.touch_due:
        with session_scope(mode=TxMode.WRITE) as session:
            touch_session(session, session_id=outcome.actor.session_id)
    return outcome


def _audit_refusal(actor: Actor, service: Callable[..., Any], kwargs: dict, ip: str) -> None:
    with session_scope(mode=TxMode.WRITE) as session:
        target = kwargs.get("user_id")
        audit.record(session, actor_id=actor.user_id, action="access.denied",
                     object_type="user" if target else "handler",
                     object_id=target if isinstance(target, int) else None,
                     note=getattr(service, "__name__", "use case"), ip=ip)
