"""Specs for the platform rules and safety guide: only administrators read the history,
preview and publish a version; staff see who confirmed the safety guide. Accepting the rules
and confirming the guide act on the caller's own account alone (test_registry.OWN_ACCOUNT)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col, select

from portal.db import session_scope
from portal.domain.models import DocumentAcceptance, PlatformDocument
from tests.security.cases import Spec, Target

UI = "portal.ui."
TEXTS = UI + "staff.texts.PlatformTextsState."
READERS = UI + "staff.safety_readers.SafetyReadersState."
NOT_ADMIN = ("anonymous", "suspended", "attendee", "member", "other_member", "other_area",
             "reviews")
NOT_STAFF = ("anonymous", "suspended", "attendee", "member", "other_member")
BODY = "# Safety guide\n\nA version a hostile client must not be able to publish."


def _newest() -> int:
    with session_scope() as session:
        return max(session.exec(select(PlatformDocument.version).where(
            PlatformDocument.kind == "safety_guide")).all() or [0])


def _withdraw(before: int) -> None:
    """Remove what was published after `before`, so the organizer members' confirmations of
    the demo version still count for the other specs."""
    with session_scope() as session:
        session.execute(delete(DocumentAcceptance).where(
            col(DocumentAcceptance.kind) == "safety_guide",
            col(DocumentAcceptance.version) > before))
        session.execute(delete(PlatformDocument).where(
            col(PlatformDocument.kind) == "safety_guide",
            col(PlatformDocument.version) > before))


def _publish(world) -> Target:
    before = _newest()
    return Target(forged={"kind": "safety_guide", "body": BODY}, args=(),
                  done=lambda: _newest() == before + 1, undo=lambda: _withdraw(before))


def _confirmed_by_member(version: int) -> bool:
    with session_scope() as session:
        return session.exec(select(DocumentAcceptance).where(
            DocumentAcceptance.user_id == 3, DocumentAcceptance.kind == "safety_guide",
            DocumentAcceptance.version == version)).first() is not None


def _confirm(world) -> Target:
    version = _newest()
    return Target(forged={"text": {"version": str(version)}}, args=(),
                  done=lambda: _confirmed_by_member(version))


TEXT_SPECS = [
    Spec(UI + "organizer.safety_guide.SafetyGuideState.confirm", _confirm, "member",
         ("anonymous", "suspended", "attendee", "reviews", "admin")),
    Spec(TEXTS + "publish", _publish, "admin", NOT_ADMIN),
    Spec(TEXTS + "load", lambda world: Target(), "admin", NOT_ADMIN,
         shown=lambda state, _: bool(state.history), write=False),
    Spec(TEXTS + "choose", lambda world: Target(args=("safety_guide",)), "admin", NOT_ADMIN,
         shown=lambda state, _: bool(state.history) and "Safety" in state.body, write=False),
    Spec(TEXTS + "preview", lambda world: Target(forged={"body": BODY}, args=()), "admin",
         NOT_ADMIN, shown=lambda state, _: "<h3>" in state.preview_html, write=False),
    Spec(READERS + "load", lambda world: Target(), "reviews", NOT_STAFF,
         shown=lambda state, _: any(r["email"] == "organizer@demo.example"
                                    and r["current"] for r in state.rows), write=False),
]
