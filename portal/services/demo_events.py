"""Demo organizer and events for `make run`, so the catalogue has something to show. Built
through the same services people use (apply, review, draft, submit, approve)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session

from portal.domain.clock import utcnow
from portal.domain.enums import Role
from portal.domain.policies import Actor
from portal.services import event_drafts, event_review, organizers
from portal.services.event_form import EventDraft, FeeInput, QuestionInput
from portal.services.files import FileStore

SAFETY = {"safety_risks": "Crowding at the entrance; hot drinks.",
          "safety_measures": "Stewards at every door; first-aid desk by the stage.",
          "emergency_contact": "Duty manager, +86 21 5555 0100",
          "emergency_plan": "Fire: leave by exits A-D to the square. Earthquake: shelter, then "
                            "the square. Network outage: paper check-in lists."}
# name, summary, category, starts in (days), lasts (days), city, fee items (kind, amount)
EVENTS: tuple[tuple[str, str, str, int, int, str, list[tuple[str, str]]], ...] = (
    ("Shanghai Data Summit", "Two days of talks on data platforms.", "conference", 21, 2,
     "Shanghai", [("registration", "299"), ("catering", "60")]),
    ("Intro to Pottery", "A calm evening at the wheel, clay included.", "training", 9, 0,
     "Hangzhou", [("materials", "80")]),
    ("Open Chess Rapid", "Seven rounds, 15+10, all levels welcome.", "competition", 30, 0,
     "Beijing", []),
    ("Riverside Photo Walk", "Golden-hour walk along the river with a pro photographer.",
     "training", 40, 0, "Shanghai", [("registration", "45")]),
)
# The chess event asks registrants two questions.
QUESTIONS = {"Open Chess Rapid": [
    QuestionInput(kind="short_text", label="Your rating (if any)"),
    QuestionInput(kind="yes_no", label="Can you bring a chess set?", required=True)]}
# Submitted but not yet decided, so the staff review queue has something to show.
WAITING_FOR_REVIEW = "Riverside Photo Walk"


# A one-page PDF, so the demo organizer's application shows a document as a real one would.
LICENCE_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
               b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
               b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
               b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _local(days: int, hour: int) -> str:
    return (utcnow() + timedelta(days=days)).strftime("%Y-%m-%dT") + f"{hour:02d}:00"


def seed_demo_events(session: Session, *, owner: Actor, reviewer: Actor,
                     store: FileStore) -> tuple[Actor, int]:
    """The demo organizer and its events; returns the organizer's member and its id."""
    organizer_id = organizers.apply(session, owner, organizers.Application(
        legal_name="Harbour Events Co.", kind="company", registration_number="91310000HB2026",
        contact_name="Olga Organizer", contact_phone="+86 21 5555 0100",
        address="100 Bund Road, Shanghai", description="Conferences, classes and tournaments."),
        documents=[organizers.DocumentUpload(kind="business_licence",
                                             filename="harbour-business-licence.pdf",
                                             content=LICENCE_PDF)],
        store=store)
    organizers.decide(session, reviewer, organizer_id=organizer_id, decision="approve")
    member = Actor(user_id=owner.user_id, verified=True, organizer_ids=frozenset({organizer_id}))
    for name, summary, category, days, length, city, fees in EVENTS:
        publish_demo_event(session, member, reviewer, organizer_id, DemoEvent(
            name, summary, category, days, length, city, fees,
            publish=name != WAITING_FOR_REVIEW, questions=QUESTIONS.get(name, [])))
    return member, organizer_id


# Markdown as organizers write it: the public page shows headings, lists, quotes, links, code.
DESCRIPTION = """**{name}** — {summary}

## Programme

1. Doors open 30 minutes before the start.
2. Welcome and introductions.
3. The main sessions, with a break at noon.

> Seats go fast: register early and bring a friend.

Questions? Read the [platform rules](/rules) or write to the organizer and quote your ticket
code (it looks like `ABCD-2345-EFGH`)."""


@dataclass(frozen=True)
class DemoEvent:
    name: str
    summary: str
    category: str
    days: int  # starts in
    length: int  # lasts (days)
    city: str
    fees: list[tuple[str, str]]
    publish: bool = True
    capacity: int = 120
    extra: dict = field(default_factory=dict)  # more EventDraft fields
    questions: list[QuestionInput] = field(default_factory=list)


def publish_demo_event(session: Session, member: Actor, reviewer: Actor, organizer_id: int,
                       spec: DemoEvent) -> int:
    draft = EventDraft(**{
        "name": spec.name, "summary": spec.summary,
        "description": DESCRIPTION.format(name=spec.name, summary=spec.summary),
        "category": spec.category,
        "starts_at": _local(spec.days, 9), "ends_at": _local(spec.days + spec.length, 17),
        "time_zone": "Asia/Shanghai", "format": "in_person",
        "venue_address": f"Main hall, {spec.city}", "city": spec.city,
        "capacity": str(spec.capacity), "registration_opens_at": _local(0, 0),
        "registration_closes_at": _local(spec.days - 1, 18),
        "guide_process": "Check in 30 minutes early with your ticket.",
        "guide_bring": "Your ID card.", **SAFETY, **spec.extra})
    event_id = event_drafts.save_draft(
        session, member, organizer_id=organizer_id, event_id=None, draft=draft,
        fees=[FeeInput(kind=k, amount=a) for k, a in spec.fees], questions=spec.questions)
    event_drafts.submit_event(session, member, event_id=event_id)
    if spec.publish:
        event_review.decide_event(session, reviewer, event_id=event_id, decision="approve")
    return event_id


def reviewer_for(user_id: int) -> Actor:
    return Actor(user_id=user_id, roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
