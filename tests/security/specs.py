"""Every protected handler with a target the right caller CAN change, and who else tries.

Objects of organizer A (Harbour Events Co., owned by `member`) are tried by the owner of
another organizer, by staff and by an admin too: none of them belongs to A.
"""

from __future__ import annotations

import itertools

from sqlalchemy import select

from portal.domain.enums import OrganizerStatus, Role, UserStatus
from portal.domain.models import (
    Event,
    EventAutosave,
    EventChangeRequest,
    Notification,
    Organizer,
    OrganizerInvite,
    OrganizerMember,
    OutboxEmail,
    QualificationDocument,
    Registration,
    User,
)
from portal.services.event_form import QuestionInput
from portal.services.registration_form import RegistrationForm
from tests.security import targets as t
from tests.security.cases import Spec, Target, table_has_rows
from tests.security.registry import APPLICATION, EVENT_FORM

ANY_SIGNED_OUT = ("anonymous", "suspended")
STAFF_WRONG = (*ANY_SIGNED_OUT, "attendee", "member", "other_member")
REVIEW_WRONG = (*STAFF_WRONG, "other_area")
ADMIN_WRONG = (*REVIEW_WRONG, "reviews")
NOT_A_MEMBER = (*ANY_SIGNED_OUT, "attendee", "other_member", "reviews", "other_area", "admin")
UI = "portal.ui."
EDITOR = UI + "organizer.event_editor_state.EventEditorState."
HOME = UI + "organizer.overview.OrganizerHomeState."
_emails = itertools.count(1)


def _editing(event_id: int, status: str = "draft", **extra) -> Target:
    return Target(forged={"event_id": event_id, "status": status}, **extra)


def _status(model: type, row_id: int, value: str):
    return lambda: t.row(model, row_id).status == value


def _decide_event(world) -> Target:
    event_id = t.submitted_event()
    return Target(query=f"id={event_id}", done=_status(Event, event_id, "published"))


def _decide_organizer(world) -> Target:
    organizer_id = t.open_application()  # the member applied: they may not approve themselves
    return Target(query=f"id={organizer_id}",
                  done=_status(Organizer, organizer_id, OrganizerStatus.APPROVED.value))


def _decide_change(world) -> Target:
    change_id = t.pending_cancel()
    return Target(query=f"id={change_id}",
                  done=_status(EventChangeRequest, change_id, "approved"))


def _set_role(world) -> Target:
    user_id = t.fresh_user()
    return Target(query=f"id={user_id}", args=("staff_finance", True),
                  done=lambda: t.has_role(user_id, Role.STAFF_FINANCE))


def _suspend(world) -> Target:
    user_id = t.fresh_user()
    return Target(query=f"id={user_id}",
                  done=_status(User, user_id, UserStatus.SUSPENDED.value))


def _mark_verified(world) -> Target:
    user_id = t.fresh_user()  # made without a confirmed address
    return Target(query=f"id={user_id}", args=({"verify_reason": "Phoned them"},),
                  done=lambda: t.row(User, user_id).email_verified_at is not None)


def _resend(world) -> Target:
    email_id = t.failed_email()
    return Target(query=f"id={email_id}", done=_status(OutboxEmail, email_id, "pending"))


def _save(world) -> Target:
    event_id = t.draft_event()
    return _editing(event_id, args=(EVENT_FORM,),
                    done=lambda: t.row(Event, event_id).name == EVENT_FORM["name"])


def _request_update(world) -> Target:
    event_id = t.published_event()  # saving a published event asks staff for the change
    form = {**EVENT_FORM, "fee_amount_0": "0", "reason": "The hall moved."}
    return _editing(event_id, "published", args=(form,),
                    done=lambda: t.change_requested(event_id))


def _submit(world) -> Target:
    event_id = t.draft_event()
    return _editing(event_id, done=_status(Event, event_id, "submitted"))


def _cancel(world) -> Target:
    event_id = t.published_event()
    return _editing(event_id, "published", done=lambda: t.change_requested(event_id))


def _cover(world) -> Target:
    event_id = t.draft_event()
    return _editing(event_id, args=lambda: t.upload(t.png(), "cover.png"),
                    done=lambda: bool(t.row(Event, event_id).cover_key))


def _autosave(world) -> Target:
    event_id = t.draft_event()
    return _editing(event_id, args=({"name": "Typed"},), done=lambda: t.exists(
        select(EventAutosave).where(EventAutosave.event_key == event_id)))


def _discard(world) -> Target:
    event_id = t.draft_event()
    t.autosave_for(event_id)
    return _editing(event_id, done=lambda: not t.exists(
        select(EventAutosave).where(EventAutosave.event_key == event_id)))


def _home(organizer_id: int, status: str, **extra) -> Target:
    return Target(forged={"org": {"id": str(organizer_id), "status": status}}, **extra)


def _upload_document(world) -> Target:
    organizer_id = t.open_application(status=OrganizerStatus.NEEDS_DOCUMENTS)
    return _home(organizer_id, "needs_documents",
                 args=lambda: t.upload(b"%PDF-1.4\n%%EOF\n", "licence.pdf"),
                 done=lambda: t.exists(select(QualificationDocument).where(
                     QualificationDocument.organizer_id == organizer_id)))


def _resubmit(world) -> Target:
    organizer_id = t.open_application(status=OrganizerStatus.NEEDS_DOCUMENTS)
    return _home(organizer_id, "needs_documents", args=(APPLICATION,),
                 done=_status(Organizer, organizer_id, "submitted"))


def _invite(world) -> Target:
    email = f"invited{next(_emails)}@example.org"
    return _home(world.organizer_a, "approved", args=({"email": email},), done=lambda: t.exists(
        select(OrganizerInvite).where(OrganizerInvite.email == email)))


def _accept(world) -> Target:
    raw, invite_id = t.invite(world.organizer_b, world.invitee_email)
    return Target(query=f"token={raw}",
                  done=lambda: t.row(OrganizerInvite, invite_id).accepted_at is not None)


def _apply(world) -> Target:
    # the form's fields were held by hold_form; the upload carries a business licence
    return Target(forged={"_application": dict(APPLICATION)}, done=lambda: t.exists(
        select(OrganizerMember).join(User, User.id == OrganizerMember.user_id)
        .where(User.email == "applicant@demo.example")))


def _open_item(world) -> Target:
    notification_id = t.notification_for(world.member_id)
    return Target(args=(str(notification_id), "/me"),
                  done=lambda: t.row(Notification, notification_id).read_at is not None)


def _read_all(world) -> Target:
    notification_id = t.notification_for(world.member_id)
    return Target(done=lambda: t.row(Notification, notification_id).read_at is not None)


REGISTER = UI + "public.register_state.RegisterState."
ATTENDEE = "attendee@demo.example"
NOT_SIGNED_IN = (*ANY_SIGNED_OUT, "unverified")  # an unconfirmed email may not register


def _reviewed(event_id: int, **extra) -> Target:
    """The form as the page holds it once reviewed: confirming registers with it."""
    return Target(query=f"id={event_id}", forged={
        "step": "review", "_pending": RegistrationForm(safety_ack=True)}, **extra)


def _confirm(world) -> Target:
    event_id = t.open_event()
    return _reviewed(event_id, done=lambda: t.registration_of(event_id, ATTENDEE) is not None)


def _join_waitlist(world) -> Target:
    event_id = t.full_event()
    return _reviewed(event_id, done=lambda: getattr(
        t.registration_of(event_id, ATTENDEE), "status", "") == "waitlisted")


DESK = UI + "organizer.register_someone_state.RegisterSomeoneState."
# Reviewing staff and admins may register people for any event; members only for their own.
NOT_AT_THE_DESK = (*ANY_SIGNED_OUT, "attendee", "other_member", "other_area")


def _desk(world) -> Target:
    event_id = t.open_event()
    return Target(query=f"id={event_id}", done=lambda: t.registration_of(
        event_id, "walk-in@example.org") is not None)
NOT_THE_HOLDER = (*ANY_SIGNED_OUT, "member", "other_member", "reviews", "admin")
MINE = UI + "attendee.registrations.MyRegistrationsState."


def _claim(world) -> Target:
    registration_id = t.offered_registration()
    return Target(args=(str(registration_id),), done=lambda: t.row(
        Registration, registration_id).status != "offered")


def _cancel_registration(world) -> Target:
    registration_id = t.confirmed_registration()
    return Target(args=(str(registration_id),),
                  done=_status(Registration, registration_id, "cancelled"))


def _ticket(world) -> Target:
    return Target(query=f"code={t.ticket_code()}")


WRITES = [
    Spec(UI + "staff.event_review.EventReviewState.decide", _decide_event, "reviews",
         REVIEW_WRONG),
    Spec(UI + "staff.organizer_review.OrganizerReviewState.decide", _decide_organizer,
         "reviews", REVIEW_WRONG),
    Spec(UI + "staff.change_review.ChangeReviewState.decide", _decide_change, "reviews",
         REVIEW_WRONG),
    Spec(UI + "staff.user_detail.UserDetailState.set_role", _set_role, "admin", ADMIN_WRONG),
    Spec(UI + "staff.user_detail.UserDetailState.change_status", _suspend, "admin",
         ADMIN_WRONG),
    Spec(UI + "staff.user_detail.UserDetailState.mark_verified", _mark_verified, "admin",
         ADMIN_WRONG),
    Spec(UI + "staff.mail_message.MailMessageState.resend", _resend, "other_area", STAFF_WRONG),
    Spec(EDITOR + "save", _save, "member", NOT_A_MEMBER),
    Spec(EDITOR + "save", _request_update, "member", NOT_A_MEMBER),
    Spec(EDITOR + "submit_for_review", _submit, "member", NOT_A_MEMBER),
    Spec(EDITOR + "request_cancellation", _cancel, "member", NOT_A_MEMBER),
    Spec(EDITOR + "upload_cover", _cover, "member", NOT_A_MEMBER),
    Spec(EDITOR + "autosave", _autosave, "member", NOT_A_MEMBER),
    Spec(EDITOR + "discard_changes", _discard, "member", NOT_A_MEMBER),
    Spec(HOME + "upload_document", _upload_document, "member", NOT_A_MEMBER),
    Spec(HOME + "resubmit", _resubmit, "member", NOT_A_MEMBER),
    # only the owner invites: a plain member of the same organizer is refused too
    Spec(HOME + "invite", _invite, "member", (*NOT_A_MEMBER, "plain_member")),
    Spec(UI + "organizer.join.JoinState.accept", _accept, "invitee",
         (*ANY_SIGNED_OUT, "attendee", "member", "other_member", "admin")),
    Spec(UI + "organizer.apply.ApplyState.submit", _apply, "applicant",
         (*ANY_SIGNED_OUT, "unverified")),
    Spec(UI + "attendee.inbox.InboxState.open_item", _open_item, "member",
         (*ANY_SIGNED_OUT, "attendee", "other_member", "admin")),
    Spec(UI + "attendee.inbox.InboxState.read_all", _read_all, "member", ANY_SIGNED_OUT),
    Spec(REGISTER + "confirm", _confirm, "attendee", NOT_SIGNED_IN),
    Spec(REGISTER + "join_waitlist", _join_waitlist, "attendee", NOT_SIGNED_IN),
    Spec(DESK + "submit", _desk, "member", NOT_AT_THE_DESK),
    Spec(DESK + "submit", _desk, "reviews", NOT_AT_THE_DESK),
    # someone else's registration id: refused as "not found", whoever asks
    Spec(MINE + "claim", _claim, "attendee", NOT_THE_HOLDER),
    Spec(MINE + "cancel", _cancel_registration, "attendee", NOT_THE_HOLDER),
]


# ---- reads: the wrong caller is shown nothing of the target ----

def _at(query: str = "") -> Target:
    return Target(query=query)


def _with(make, query: str = "id={}"):
    return lambda world: _at(query.format(make()))


TABLES = {  # state: (right caller, wrong callers, what makes a row to show)
    "staff.users.UsersPageState": ("admin", ADMIN_WRONG, None),
    "staff.audit.AuditPageState": ("reviews", STAFF_WRONG, None),
    "staff.mail.MailLogState": ("other_area", STAFF_WRONG, t.failed_email),
    "staff.organizers.OrganizerQueueState": ("reviews", REVIEW_WRONG, t.open_application),
    "staff.events.EventQueueState": ("reviews", REVIEW_WRONG, t.submitted_event),
    "staff.changes.ChangeQueueState": ("reviews", REVIEW_WRONG, t.pending_cancel),
    "organizer.events.MyEventsState": ("member", (*ANY_SIGNED_OUT, "attendee"), t.draft_event),
    "attendee.inbox.InboxState": ("member", ANY_SIGNED_OUT, t.notification_for),
    "attendee.registrations.MyRegistrationsState": (
        "attendee", (*ANY_SIGNED_OUT, "member", "other_member"), t.confirmed_registration),
}


def _table_target(make):
    def arrange(world) -> Target:
        if make is not None:
            make()
        return Target()
    return arrange


def _review(world) -> Target:
    return Target(query=f"id={t.open_event()}", args=({"safety_ack": "on"},))


def _attach(world) -> Target:
    event_id = t.open_event(questions=[QuestionInput(kind="file", label="Certificate")])
    question = str(t.question_ids(event_id)[0])
    return Target(query=f"id={event_id}",
                  args=lambda: (t.upload(b"%PDF-1.4\n%%EOF\n", "c.pdf")[0], question))


READS = [
    Spec(UI + "staff.user_detail.UserDetailState.load", lambda w: _at(f"id={w.member_id}"),
         "admin", ADMIN_WRONG, shown=lambda s, _: bool(s.user), write=False),
    Spec(UI + "staff.event_review.EventReviewState.load", _with(t.submitted_event), "reviews",
         tuple(c for c in REVIEW_WRONG if c != "member"), shown=lambda s, _: bool(s.event),
         write=False),
    Spec(UI + "staff.change_review.ChangeReviewState.load", _with(t.pending_cancel), "reviews",
         REVIEW_WRONG, shown=lambda s, _: bool(s.change) or bool(s.history), write=False),
    Spec(UI + "staff.organizer_review.OrganizerReviewState.load",
         lambda w: _at(f"id={w.organizer_a}"), "reviews",
         tuple(c for c in REVIEW_WRONG if c != "member"), shown=lambda s, _: bool(s.org),
         write=False),
    Spec(UI + "staff.mail_message.MailMessageState.load", _with(t.failed_email), "other_area",
         STAFF_WRONG, shown=lambda s, _: bool(s.message), write=False),
    Spec(EDITOR + "load", _with(t.draft_event), "member",
         tuple(c for c in NOT_A_MEMBER if c not in ("reviews", "admin")),
         shown=lambda s, target: s.event_id == int(target.query[3:]), write=False),
    Spec(UI + "staff.overview.StaffOverviewState.load", _table_target(None), "reviews",
         STAFF_WRONG, shown=lambda s, _: bool(s.counts), write=False),
    Spec(UI + "staff.overview.StaffOverviewState.load", _table_target(None), "reviews",
         ("other_area",), shown=lambda s, _: "events_waiting" in s.counts, write=False),
    Spec(UI + "session.SessionState.load_session", _table_target(None), "admin",
         (*STAFF_WRONG,), shown=lambda s, _: s.is_staff or s.is_admin, write=False),
    # the menus' flags: the review pages for reviewers, the organizer portal for members
    Spec(UI + "session.SessionState.load_session", _table_target(None), "reviews",
         REVIEW_WRONG, shown=lambda s, _: s.is_reviewer, write=False),
    Spec(UI + "session.SessionState.load_session", _table_target(None), "member",
         (*ANY_SIGNED_OUT, "attendee", "reviews", "other_area", "admin"),
         shown=lambda s, _: s.is_organizer, write=False),
    Spec(HOME + "load", _table_target(None), "member", (*ANY_SIGNED_OUT, "attendee"),
         shown=lambda s, _: bool(s.org), write=False),
    # choosing the organizer to act for: only one's own; anyone else's id shows nothing of it
    Spec(HOME + "act_for", lambda w: Target(args=(str(w.organizer_b),)), "other_member",
         (*ANY_SIGNED_OUT, "attendee", "member"),
         shown=lambda s, target: s.org.get("id") == target.args[0], write=False),
    # the overview lists the caller's own registrations: the demo attendee has some, no one
    # else is shown them
    Spec(UI + "attendee.overview.AttendeeOverviewState.load", lambda w: _at(), "attendee",
         (*ANY_SIGNED_OUT, "member", "other_member", "reviews", "admin"),
         shown=lambda s, _: bool(s.attention) or bool(s.upcoming), write=False),
    Spec(DESK + "load", _with(t.open_event), "member", NOT_AT_THE_DESK,
         shown=lambda s, _: s.allowed or bool(s.event), write=False),
    Spec(REGISTER + "load", _with(t.open_event), "attendee", ANY_SIGNED_OUT,
         shown=lambda s, _: bool(s.event), write=False),
    Spec(REGISTER + "review", _review, "attendee", NOT_SIGNED_IN,
         shown=lambda s, _: s.step == "review", write=False),
    Spec(REGISTER + "attach_file", _attach, "attendee", ANY_SIGNED_OUT,
         shown=lambda s, _: bool(s.file_names), write=False),
    # a ticket: its holder, the organizer's members and reviews staff (who check people in)
    Spec(UI + "attendee.ticket.TicketState.load", _ticket, "attendee",
         (*ANY_SIGNED_OUT, "other_member", "other_area", "unverified", "applicant"),
         shown=lambda s, _: bool(s.ticket) or bool(s.qr) or bool(s.fees), write=False),
    Spec(UI + "attendee.ticket.TicketState.load", _ticket, "member", (),
         shown=lambda s, _: bool(s.ticket), write=False),
    *[Spec(f"{UI}{state}.load_table", _table_target(make), right, wrong,
           shown=table_has_rows, write=False)
      for state, (right, wrong, make) in TABLES.items()],
]
