"""Specs for services that an HTTP route or a future handler reaches with ids the caller picks:
the right caller is served, everyone else refused and shown nothing."""

from __future__ import annotations

import itertools

from portal.services import (
    event_covers,
    event_drafts,
    event_views,
    organizer_dashboard,
    organizer_figures,
    organizers,
    registration_desk,
    registration_views,
)
from portal.services.paging import PageRequest
from portal.services.registration_form import RegistrationForm
from portal.wiring import file_store
from tests.security import targets as t
from tests.security.cases import Spec, Target, value_shown

_drafts = itertools.count(1)


# ---- services an HTTP route or a future handler reaches with ids the caller picks ----

def _service_target(**kwargs):
    return lambda world: Target(kwargs={k: v(world) if callable(v) else v
                                        for k, v in kwargs.items()})


SERVICES = [
    Spec("service:event_drafts.save_draft", _service_target(
        organizer_id=lambda w: w.organizer_a, event_id=None,
        draft=lambda w: t.draft(f"Forged {next(_drafts)}"), fees=[]),
        "member", ("attendee", "other_member", "reviews", "admin"),
        service=event_drafts.save_draft),
    Spec("service:organizer_dashboard.organizer_dashboard", _service_target(
        organizer_id=lambda w: w.organizer_a), "member",
        ("attendee", "other_member", "reviews", "admin"), shown=value_shown,
        service=organizer_dashboard.organizer_dashboard, write=False),
    # sales and money: the organizer's members, and finance staff (and administrators)
    Spec("service:organizer_figures.organizer_figures", _service_target(
        organizer_id=lambda w: w.organizer_a), "member",
        ("anonymous", "attendee", "other_member", "reviews_only"), shown=value_shown,
        service=organizer_figures.organizer_figures, write=False),
    Spec("service:organizer_figures.organizer_figures", _service_target(
        organizer_id=lambda w: w.organizer_a), "finance_only",
        ("attendee", "other_member", "reviews_only"), shown=value_shown,
        service=organizer_figures.organizer_figures, write=False),
    Spec("service:event_views.my_events", _service_target(
        organizer_id=lambda w: w.organizer_a, request=PageRequest()),
        "member", ("attendee", "other_member", "reviews", "admin"),
        shown=value_shown, service=event_views.my_events, write=False),
    Spec("service:event_covers.open_cover", _service_target(
        event_id=lambda w: t.draft_with_cover(), store=lambda w: file_store()),
        "reviews", ("anonymous", "attendee", "other_member", "other_area"),
        shown=value_shown, service=event_covers.open_cover, write=False),
    Spec("service:organizers.open_document", _service_target(
        document_id=lambda w: t.document_of(), store=lambda w: file_store()),
        "reviews", ("anonymous", "attendee", "other_member", "other_area"),
        shown=value_shown, service=organizers.open_document, write=False),
    # a ticket: its holder, the organizer's members and review staff; nobody else
    Spec("service:registration_views.ticket", _service_target(code=lambda w: t.ticket_code()),
         "member", ("anonymous", "other_member", "other_area"),
         shown=value_shown, service=registration_views.ticket, write=False),
    # the registration desk: only staff may waive an eligibility rule, not the organizer
    Spec("service:registration_desk.register_for", _service_target(
        event_id=lambda w: t.open_event(), channel="phone",
        person=registration_desk.PersonDetails(email="invitee@demo.example"),
        form=RegistrationForm(safety_ack=True), override_reason="Known to the organizer.",
        store=lambda w: file_store()),
        "reviews", ("attendee", "member", "other_member", "other_area"),
        service=registration_desk.register_for),
]
