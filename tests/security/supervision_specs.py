"""Specs for supervision (rules §3.3): opening and deciding rectification notices and the
sanction ladder belong to staff of the reviews or complaints area (and admins) — never finance
staff, organizers or attendees; a notice is answered only by its own organizer's members."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import OrganizerStatus
from portal.domain.models import NoticeEvidence, Organizer, RectificationNotice, Sanction
from portal.services import organizers, rectification_notices, sanctions, supervision_views
from portal.services.organizer_standing import today
from portal.wiring import file_store
from tests.security import targets as t
from tests.security.cases import Spec, Target, value_shown
from tests.services.helpers import PDF

ANY_SIGNED_OUT = ("anonymous", "suspended")
# organizers, attendees and finance staff do not supervise
NOT_SUPERVISING = (*ANY_SIGNED_OUT, "attendee", "member", "other_member", "finance_only")
NOT_A_MEMBER = (*ANY_SIGNED_OUT, "attendee", "other_member", "reviews", "other_area", "admin")
UI = "portal.ui."
NOTICE = UI + "staff.notice.NoticeState."
NEW = UI + "staff.notice_new.NewNoticeState."
ASSESS = UI + "staff.assessment_state.AssessmentState."
MINE = UI + "organizer.notices.OrganizerNoticesState."
_serial = itertools.count(1)


def notice(organizer_id: int = 1, *, answered: bool = False) -> int:
    """An open notice (or one answered with a file) against organizer A."""
    with session_scope() as session:
        notice_id = rectification_notices.open_notice(
            session, t.reviewer(), organizer_id=organizer_id, problem="Exits blocked",
            required_action="Clear them", due_on=today() + timedelta(days=3))
    if answered:
        with session_scope() as session:
            rectification_notices.respond_to_notice(
                session, t.member_of(organizer_id), notice_id=notice_id, response="Cleared",
                files=[rectification_notices.EvidenceUpload("photo.pdf", PDF)],
                store=file_store())
    return notice_id


def qualified_organizer() -> int:
    """A fresh qualified organizer of the demo organizer, so sanctions on it touch nothing
    another case relies on."""
    organizer_id = t.open_application()
    with session_scope() as session:
        organizers.decide(session, t.reviewer(), organizer_id=organizer_id, decision="approve")
    return organizer_id


def _notice_status(notice_id: int, value: str):
    return lambda: t.row(RectificationNotice, notice_id).status == value


def _decide(world) -> Target:
    notice_id = notice()
    return Target(query=f"id={notice_id}", forged={"note_draft": "Not enough."},
                  args=("escalate",), done=_notice_status(notice_id, "escalated"))


def _open(world) -> Target:
    problem = f"Forged problem {next(_serial)}"
    form = {"problem": problem, "required_action": "Fix it",
            "due_on": (today() + timedelta(days=3)).isoformat(), "complaint_id": ""}
    return Target(query=f"organizer={world.organizer_a}", args=(form,),
                  done=lambda: t.exists(select(RectificationNotice.id).where(
                      RectificationNotice.problem == problem)))


def _impose(action: str, done):  # noqa: ANN001, ANN202
    def arrange(world) -> Target:
        organizer_id = qualified_organizer()
        reason = f"Reason {next(_serial)}"
        return Target(query=f"id={organizer_id}",
                      forged={"action": action, "reason": reason, "until": "",
                              "keep_published": True},
                      args=(), done=lambda: done(organizer_id, reason))
    return arrange


def _warned(organizer_id: int, reason: str) -> bool:
    return t.exists(select(Sanction.id).where(Sanction.organizer_id == organizer_id,
                                              Sanction.reason == reason))


def _suspended(organizer_id: int, _reason: str) -> bool:
    return t.row(Organizer, organizer_id).publishing_suspended


def _revoked(organizer_id: int, _reason: str) -> bool:
    return t.row(Organizer, organizer_id).status == OrganizerStatus.REVOKED.value


def _lift(world) -> Target:
    organizer_id = qualified_organizer()
    with session_scope() as session:
        sanction_id = sanctions.suspend_publishing(
            session, t.reviewer(), organizer_id=organizer_id, reason="Unsafe",
            until=None, keep_published=True)
    return Target(query=f"id={organizer_id}",
                  forged={"lifting": str(sanction_id), "lift_reason": "Rectified"}, args=(),
                  done=lambda: not t.row(Organizer, organizer_id).publishing_suspended)


def _answer(world) -> Target:
    notice_id = notice()
    return Target(forged={"answering": str(notice_id), "_response": "We fixed it."},
                  args=lambda: t.upload(PDF, "proof.pdf"),
                  done=_notice_status(notice_id, "responded"))


def _shown_notice(state, target: Target) -> bool:
    return any(n["id"] == target.kwargs["notice_id"] for n in state.notices)


def _mine(world) -> Target:
    return Target(kwargs={"notice_id": str(notice())})


def _at(query_of):  # noqa: ANN001, ANN202
    return lambda world: Target(query=query_of(world))


def _evidence(world) -> Target:
    notice_id = notice(answered=True)
    with session_scope() as session:
        evidence_id = session.exec(select(NoticeEvidence.id).where(
            NoticeEvidence.notice_id == notice_id)).one()
    return Target(kwargs={"evidence_id": evidence_id, "store": file_store()})


SUPERVISION_SPECS = [
    Spec(NOTICE + "decide", _decide, "reviews", NOT_SUPERVISING),
    Spec(NEW + "submit", _open, "other_area", NOT_SUPERVISING),  # the complaints area may
    Spec(ASSESS + "impose", _impose("warning", _warned), "other_area", NOT_SUPERVISING),
    Spec(ASSESS + "impose", _impose("suspend", _suspended), "reviews", NOT_SUPERVISING),
    Spec(ASSESS + "impose", _impose("revoke", _revoked), "admin", NOT_SUPERVISING),
    Spec(ASSESS + "lift", _lift, "reviews", NOT_SUPERVISING),
    # an organizer answers its own notices only
    Spec(MINE + "answer", _answer, "member", NOT_A_MEMBER),
    Spec(MINE + "load", _mine, "member", (*ANY_SIGNED_OUT, "attendee", "other_member"),
         shown=_shown_notice, write=False),
    # the notice itself: supervising staff, and its own organizer's members (their notice)
    Spec(NOTICE + "load", lambda w: Target(query=f"id={notice()}"), "reviews",
         tuple(c for c in NOT_SUPERVISING if c != "member"),
         shown=lambda s, _: bool(s.notice), write=False),
    Spec(NEW + "load", _at(lambda w: f"organizer={w.organizer_a}"), "reviews",
         NOT_SUPERVISING, shown=lambda s, _: bool(s.organizer_name), write=False),
    Spec(ASSESS + "load", _at(lambda w: f"id={w.organizer_a}"), "other_area",
         NOT_SUPERVISING, shown=lambda s, _: bool(s.info), write=False),
    Spec(UI + "staff.supervision.SupervisionState.load_table",
         lambda w: Target(query=f"organizer={notice() and w.organizer_a}"), "reviews",
         NOT_SUPERVISING, shown=lambda s, _: bool(s.rows) or s.total > 0, write=False),
    # the evidence download route: supervising staff and the organizer's members
    Spec("service:supervision_views.read_evidence", _evidence, "member",
         ("anonymous", "attendee", "other_member", "finance_only"), shown=value_shown,
         service=supervision_views.read_evidence, write=False),
    # the Notices page names its organizer by id: only that organizer's members read it
    Spec("service:supervision_views.organizer_notices",
         lambda w: Target(kwargs={"organizer_id": w.organizer_a}), "member",
         ("attendee", "other_member", "reviews", "finance_only"), shown=value_shown,
         service=supervision_views.organizer_notices, write=False),
    Spec("service:supervision_views.get_notice",
         lambda w: Target(kwargs={"notice_id": notice()}), "member",
         ("anonymous", "attendee", "other_member", "finance_only"), shown=value_shown,
         service=supervision_views.get_notice, write=False),
]
