"""One security case: a target arranged fresh, a caller, and what must (not) happen.

A `Spec` names a protected handler (or a service an HTTP route or a future handler reaches) and
how to arrange a target the RIGHT caller can change. `attempt` runs it as a WRONG caller and
returns what went wrong (nothing changed and nothing shown: an empty list); `control` runs it
as the right caller and returns what went wrong (the expected change did not happen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from portal.db import session_scope
from portal.services.runner import run_use_case
from portal.services.sessions import resolve_actor
from tests.security.harness import call, cls_of, differences, snapshot, state_for


@dataclass
class Target:
    query: str = ""                      # the page address (?id=...) the client chose
    forged: dict[str, Any] = field(default_factory=dict)  # state vars the page/client holds
    args: tuple | Callable[[], tuple] | None = None       # None: the registry's arguments
    done: Callable[[], bool] = lambda: False  # the right caller's change, read from the DB
    kwargs: dict[str, Any] = field(default_factory=dict)  # service cases: the arguments
    # puts back what a case changed that would disturb the specs after it (a guard switched
    # off lets a wrong caller publish a platform text everyone must accept again)
    undo: Callable[[], None] = lambda: None


@dataclass(frozen=True)
class Spec:
    name: str                             # a registry handler, or "service:<module.fn>"
    arrange: Callable[[Any], Target]      # world -> a fresh target
    right: str | None                     # the caller who can act (None: no positive control)
    wrong: tuple[str, ...]
    shown: Callable[[Any, Target], bool] | None = None  # reads: the state/value shows the target
    service: Callable[..., Any] | None = None
    write: bool = True

    @property
    def label(self) -> str:
        return self.name.removeprefix("portal.ui.")

    def cases(self) -> list[tuple[Spec, str]]:
        return [(self, caller) for caller in self.wrong]


def _run(spec: Spec, cookie: str, target: Target):
    """Run the handler (or service) as the holder of `cookie`; return the state or outcome."""
    if spec.service is not None:
        return run_use_case(spec.service, session_token=cookie, write=spec.write,
                            **target.kwargs)
    state = state_for(cls_of(spec.name), cookie, query=target.query)
    if target.forged:
        bind(state, cookie)
    for name, value in target.forged.items():
        setattr(state, name, value)
    call(spec.name, state, target.args)
    return state


def reach(spec: Spec, cookie: str, world) -> None:
    """Only run the case (which guards does it reach?); test_targets checks its outcome."""
    target = spec.arrange(world)
    try:
        _run(spec, cookie, target)
    finally:
        target.undo()


def bind(state, cookie: str) -> None:
    """As if this tab had already loaded its page for the caller: otherwise the first call
    would reset the forged values (a tab's states are bound to their session)."""
    with session_scope() as session:
        actor = resolve_actor(session, cookie, touch=False)
    state._session_root()._bound_session = actor.session_id or 0


def attempt(spec: Spec, caller: str, callers: dict, world, engine) -> list[str]:
    """The wrong caller tries: every table must be unchanged and nothing of the target shown."""
    target = spec.arrange(world)
    before = snapshot(engine)
    result = _run(spec, callers[caller], target)
    problems = []
    changed = differences(before, snapshot(engine))
    if changed:
        problems.append(f"{caller} changed data through {spec.label}: {changed}")
    if spec.service is not None and result.error is None:
        problems.append(f"{caller} was not refused by {spec.label}: {result.value!r:.200}")
    elif spec.shown is not None and spec.shown(result, target):
        problems.append(f"{caller} was shown the target of {spec.label}")
    target.undo()
    return problems


def control(spec: Spec, callers: dict, world) -> list[str]:
    """The right caller acts on a fresh target: the expected change (or view) happens."""
    target = spec.arrange(world)
    result = _run(spec, callers[spec.right], target)
    try:
        if spec.service is not None:
            return [f"{spec.right} was refused by {spec.label}: {result.error}"] \
                if result.error is not None else []
        if spec.shown is not None and not spec.shown(result, target):
            return [f"{spec.right} was not shown the target of {spec.label}"]
        if spec.write and spec.shown is None and not target.done():
            return [f"{spec.right} did not change the target of {spec.label}"]
        return []
    finally:
        target.undo()


def table_has_rows(state, _target) -> bool:
    """A table read shows the target: it has rows."""
    return bool(state.rows) or state.total > 0


def value_shown(outcome, _target) -> bool:
    """A service read shows the target: it answered without a refusal."""
    return outcome.error is None

