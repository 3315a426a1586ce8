"""Demo complaints, one per situation the complaint screens show: a late one, one by email,
one by phone, one waiting for the demo organizer's response, one handled with its result sent
to the demo attendee (who can say whether they are satisfied)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.models import Complaint, ComplaintEntry, Event, Registration
from portal.domain.policies import Actor
from portal.services import complaints_filing as filing
from portal.services import complaints_outcome as outcome
from portal.services import complaints_process as process
from portal.services.complaint_views import EvidenceUpload
from portal.services.files import FileStore

NOTE = EvidenceUpload(filename="what-i-saw.txt",
                      content=b"The fire exit at the back was locked during the talk.\n")


def seed_demo_complaints(session: Session, *, staff_id: int, attendee_id: int,
                         organizer_id: int, store: FileStore) -> None:
    staff = Actor(user_id=staff_id, verified=True, roles=frozenset({Role.STAFF_COMPLAINTS}))
    attendee = Actor(user_id=attendee_id, verified=True, accepted_rules=True)
    mine = session.exec(select(Registration.id, Event.id)
                        .join(Event, col(Event.id) == Registration.event_id)
                        .where(col(Registration.user_id) == attendee_id,
                               col(Event.organizer_id) == organizer_id)
                        .order_by(col(Registration.id))).first()
    if mine is None:
        return
    registration_id, event_id = mine
    # 1. waiting for the demo organizer's response
    asked = filing.file_complaint_online(
        session, attendee, about="registration", registration_id=registration_id,
        category="safety", what_happened="The fire exit at the back was locked during the "
        "talk; stewards did not know where the key was.",
        outcome_wanted="Check the venue and tell me what changes.", files=[NOTE], store=store)
    process.accept_complaint(session, staff, complaint_id=asked.id)
    process.assign_complaint(session, staff, complaint_id=asked.id, assignee_id=staff_id)
    process.request_organizer_response(
        session, staff, complaint_id=asked.id,
        body="An attendee reports a locked fire exit. What happened, and what have you "
        "changed? Please attach the venue's safety check if you have it.")
    # 2. handled, result sent: the attendee can say whether they are satisfied
    handled = filing.file_complaint_online(
        session, attendee, about="event", event_id=event_id, category="false_information",
        what_happened="The page said lunch was included; it was not.",
        outcome_wanted="Correct the page.", store=store)
    process.accept_complaint(session, staff, complaint_id=handled.id)
    process.start_investigation(session, staff, complaint_id=handled.id)
    outcome.handle_complaint(session, staff, complaint_id=handled.id,
                             findings="The page did promise lunch; the organizer changed "
                             "caterers late.", outcome="upheld",
                             remedies=[outcome.RemedyInput(
                                 kind="rectification_notice",
                                 note="Keep the event page in line with what is served.")])
    outcome.send_feedback(session, staff, complaint_id=handled.id,
                          body="Your complaint was upheld: we asked the organizer to correct "
                          "the page and will check that it does.")
    # 3. by email, from someone without an account, not accepted yet
    filing.file_complaint_by_email(session, filing.InboundEmail(
        sender_email="li.na@guest.example", sender_name="Li Na",
        subject="Refund never arrived",
        text="I cancelled two weeks ago and have not seen my money back.",
        sender_verified=True), store=store)
    # 4. by phone, accepted and assigned
    phoned = filing.record_phone_complaint(
        session, staff, name="Wang Fang", phone="+86 139 1234 5678", about="organizer",
        organizer_id=organizer_id, category="conduct",
        what_happened="A steward was rude to my elderly mother at the entrance.",
        outcome_wanted="An apology.", store=store, locale="zh-Hans")
    process.accept_complaint(session, staff, complaint_id=phoned.id)
    process.assign_complaint(session, staff, complaint_id=phoned.id, assignee_id=staff_id)
    # 5. received a week ago and never accepted: late
    late = filing.file_complaint_online(
        session, attendee, about="platform", category="service",
        what_happened="The ticket page did not load on my phone at the entrance.",
        store=store)
    _backdate(session, late.id, days=7)


def _backdate(session: Session, complaint_id: int, *, days: int) -> None:
    then = utcnow() - timedelta(days=days)
    session.execute(update(Complaint).where(col(Complaint.id) == complaint_id).values(
        received_at=then, created_at=then, due_at=then + timedelta(days=2)))
    session.execute(update(ComplaintEntry).where(col(ComplaintEntry.complaint_id) == complaint_id)
                    .values(created_at=then))
