"""The Reflex app: pages (each with its access check on load), head, styles, HTTP routes and
the background mail dispatcher."""

from __future__ import annotations

import reflex as rx

from portal.services.dev_mailbox import dev_mailbox_open
from portal.settings import load_settings_or_exit
from portal.ui import routes
from portal.ui.attendee import answers as attendee_answers
from portal.ui.attendee import complaint as attendee_complaint
from portal.ui.attendee import complaint_new as attendee_complaint_new
from portal.ui.attendee import complaints as attendee_complaints
from portal.ui.attendee import demo_checkout as attendee_demo_checkout
from portal.ui.attendee import inbox as attendee_inbox
from portal.ui.attendee import overview as attendee_overview
from portal.ui.attendee import paid as attendee_paid
from portal.ui.attendee import pay as attendee_pay
from portal.ui.attendee import profile as attendee_profile
from portal.ui.attendee import receipt as attendee_receipt
from portal.ui.attendee import registrations as attendee_registrations
from portal.ui.attendee import ticket as attendee_ticket
from portal.ui.binding import SessionBinding
from portal.ui.dev import mailbox as dev_mailbox
from portal.ui.i18n import HEAD_STYLE, head_script
from portal.ui.organizer import apply as organizer_apply
from portal.ui.organizer import broadcast as organizer_broadcast
from portal.ui.organizer import check_in as organizer_check_in
from portal.ui.organizer import complaint as organizer_complaint
from portal.ui.organizer import complaints as organizer_complaints
from portal.ui.organizer import event_editor as organizer_event_editor
from portal.ui.organizer import events as organizer_events
from portal.ui.organizer import join as organizer_join
from portal.ui.organizer import notices as organizer_notices
from portal.ui.organizer import overview as organizer_overview
from portal.ui.organizer import ratings as organizer_ratings
from portal.ui.organizer import refunds as organizer_refunds
from portal.ui.organizer import register_someone as organizer_register_someone
from portal.ui.organizer import registrations as organizer_registrations
from portal.ui.organizer import safety_guide as organizer_safety_guide
from portal.ui.organizer import statement as organizer_statement
from portal.ui.organizer import statements as organizer_statements
from portal.ui.public import (
    catalogue,
    certificate,
    complaints_info,
    event_legacy,
    event_page,
    forgot_password,
    home,
    not_found,
    register,
    reset_password,
    rules,
    rules_accept,
    sign_in,
    sign_up,
    verify_email,
)
from portal.ui.session import SessionState
from portal.ui.staff import assessment as staff_assessment
from portal.ui.staff import audit as staff_audit
from portal.ui.staff import backups as staff_backups
from portal.ui.staff import change_review as staff_change_review
from portal.ui.staff import changes as staff_changes
from portal.ui.staff import complaint as staff_complaint
from portal.ui.staff import complaint_phone as staff_complaint_phone
from portal.ui.staff import complaints as staff_complaints
from portal.ui.staff import emergency_plan as staff_emergency_plan
from portal.ui.staff import emergency_plans as staff_emergency_plans
from portal.ui.staff import event_review as staff_event_review
from portal.ui.staff import events as staff_events
from portal.ui.staff import fee_rates as staff_fee_rates
from portal.ui.staff import incident as staff_incident
from portal.ui.staff import incidents as staff_incidents
from portal.ui.staff import mail as staff_mail
from portal.ui.staff import mail_message as staff_mail_message
from portal.ui.staff import notice as staff_notice
from portal.ui.staff import notice_new as staff_notice_new
from portal.ui.staff import organizer_review as staff_organizer_review
from portal.ui.staff import organizers as staff_organizers
from portal.ui.staff import overview as staff_overview
from portal.ui.staff import payments as staff_payments
from portal.ui.staff import ratings as staff_ratings
from portal.ui.staff import reconciliation as staff_reconciliation
from portal.ui.staff import refunds as staff_refunds
from portal.ui.staff import reports as staff_reports
from portal.ui.staff import safety_readers as staff_safety_readers
from portal.ui.staff import settings as staff_settings
from portal.ui.staff import settlement as staff_settlement
from portal.ui.staff import settlements as staff_settlements
from portal.ui.staff import supervision as staff_supervision
from portal.ui.staff import texts as staff_texts
from portal.ui.staff import user_detail as staff_user_detail
from portal.ui.staff import users as staff_users
from portal.web.app import build_web_app, protect_app
from portal.worker import backups_forever, dispatch_forever

settings = load_settings_or_exit()

PAGES = (
    home, catalogue, event_page, event_legacy, register, sign_in, sign_up, verify_email,
    forgot_password, reset_password, rules, certificate, complaints_info, not_found,
    attendee_overview, attendee_registrations, attendee_answers, attendee_ticket, attendee_inbox,
    attendee_profile, attendee_pay, attendee_paid, attendee_receipt, attendee_demo_checkout,
    attendee_complaints, attendee_complaint_new, attendee_complaint,
    organizer_overview, organizer_apply, organizer_join, organizer_events,
    organizer_event_editor, organizer_register_someone, organizer_check_in,
    organizer_registrations, organizer_refunds, organizer_ratings, organizer_notices,
    organizer_complaints, organizer_complaint,
    staff_overview, staff_events, staff_event_review, staff_changes, staff_change_review,
    staff_organizers, staff_organizer_review,
    staff_users, staff_user_detail, staff_mail, staff_mail_message, staff_audit,
    staff_payments, staff_refunds, staff_settings, staff_ratings, staff_supervision,
    staff_notice, staff_notice_new, staff_assessment, staff_complaints, staff_complaint,
    staff_complaint_phone, staff_backups,
    organizer_broadcast, staff_incidents, staff_incident, staff_emergency_plans,
    staff_emergency_plan, rules_accept, organizer_safety_guide, staff_texts,
    staff_safety_readers, staff_settlements, staff_settlement, staff_fee_rates,
    organizer_statements, organizer_statement, staff_reports, staff_reconciliation,
) + ((dev_mailbox,) if dev_mailbox_open(settings) else ())  # never routed in production


def access_check(route: str):  # noqa: ANN201
    """The redirect a page's first event makes (comfort only: services enforce every rule)."""
    def within(prefix: str) -> bool:
        return route == prefix or route.startswith(prefix + "/")

    if within(routes.STAFF):
        return SessionState.require_staff
    # the door's check-in page sits outside /organizer: reviewing staff work it too
    if within(routes.ATTENDEE) or within(routes.ORGANIZER) or within(routes.CHECK_IN):
        return SessionState.require_signed_in
    return SessionState.load_session


app = rx.App(
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.script(head_script(settings.default_locale)),
        rx.el.style(HEAD_STYLE),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1"),
    ],
    # Reflex mounts its app (pages, /_event, /_upload) in ours, then protect_app wraps it all.
    api_transformer=[build_web_app(), protect_app],
)
app.register_lifespan_task(dispatch_forever)
app.register_lifespan_task(backups_forever)
app.add_middleware(SessionBinding(), index=0)

for module in PAGES:
    title = getattr(module, "TITLE", None)
    own = getattr(module, "ON_LOAD", None)
    checks = [access_check(module.ROUTE)] + ([own] if own is not None else [])
    app.add_page(
        module.page,
        route=module.ROUTE,
        # a page whose title is its content's (an event's name) gives a Var
        title=title if isinstance(title, rx.Var)
        else f"{title} · {settings.platform_name}" if title else settings.platform_name,
        on_load=checks,
    )
