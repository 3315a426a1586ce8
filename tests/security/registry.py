"""The reviewed list of every public event handler, and who may call it.

A handler that is not listed here fails the security suite: whoever adds one must decide its
class and give the arguments a hostile client would send, so the suite can prove the service
refuses everyone else and changes nothing.

Classes:
  public        anyone; acts only on the caller's own visit, or on a secret they hold (a token)
  signed-in     an active account, acting on its own data only
  role:staff    platform staff (any area) or an administrator
  role:admin    an active administrator
  role:finance  finance staff or an administrator
  role:complaints  complaints staff or an administrator
  role:supervision  staff of the reviews or complaints area, or an administrator
"""

from __future__ import annotations

import tests.security.registry_safety  # noqa: F401  (emergencies, rules, the safety guide)
from tests.security.handlers import HANDLERS, OTHER_USER, TABLE_EVENTS
from tests.security.handlers import add as _add

_TABLE = TABLE_EVENTS

_add("session.SessionState", "public", setvar=("locale", "zh-Hans"), set_locale=("zh-Hans",),
     remember_locale=("zh-Hans",),
     load_session=(), require_signed_in=(), require_staff=(), sign_out=())
for page in ("public.forgot_password.ForgotPasswordState", "public.reset_password."
             "ResetPasswordState", "public.sign_in.SignInState", "public.sign_up.SignUpState"):
    _add(page, "public", setvar=("locale", "en"), prepare=(), submit=({},))
_add("public.verify_email.VerifyEmailState", "public", setvar=("locale", "en"), confirm=())
_add("attendee.profile.ProfileState", "signed-in", setvar=("locale", "en"), load=(),
     save_details=({"name": "Mallory", "phone": "+86 138 0000 9999",
                    "date_of_birth": "1990-01-01"},),
     change_email=({"email": "mallory@example.org"},),
     change_password=({"current_password": "x", "new_password": "another long passphrase",
                       "repeat": "another long passphrase"},),
     resend_verification=(), sign_out_everywhere=())
_add("staff.users.UsersPageState", "role:admin", **{**_TABLE, "filter_by": ("role", "admin")})
_add("staff.users.UsersPageState", "public", setvar=("locale", "en"))
_add("staff.audit.AuditPageState", "role:staff",
     **{**_TABLE, "sort_by": ("action",), "search_for": ("demo",)})
_add("staff.audit.AuditPageState", "public", setvar=("locale", "en"))
_add("staff.settings.PlatformSettingsState", "public", setvar=("locale", "en"))
_add("staff.settings.PlatformSettingsState", "role:admin", load=(),
     save=({"review_working_days": "30"},), reset_setting=("review_working_days",))
_add("staff.backups.BackupsState", "public", setvar=("locale", "en"))
_add("staff.backups.BackupsState", "role:admin",
     **{**_TABLE, "sort_by": ("size",), "search_for": ("portal-backup",),
        "filter_by": ("result", "failed")}, back_up_now=())
_add("staff.user_detail.UserDetailState", "role:admin", load=(),
     set_role=("admin", True),
     change_status=({"action": "suspend", "reason": "forged"},),
     mark_verified=({"verify_reason": "forged"},))
_add("staff.user_detail.UserDetailState", "public", setvar=("locale", "en"))
# personal data: closing one's own account needs its password; staff close on request
_add("attendee.profile_privacy.AccountClosureState", "signed-in",
     close_account=({"close_password": "guessed", "user_id": OTHER_USER},))
_add("attendee.profile_privacy.AccountClosureState", "public", setvar=("locale", "en"),
     set_closing_open=(True,))
_add("staff.user_closure.UserClosureState", "role:admin",
     close_account=({"close_note": "forged"},))
_add("staff.user_closure.UserClosureState", "public", setvar=("locale", "en"))
_add("attendee.inbox.InboxState", "signed-in",
     **{**_TABLE, "sort_by": ("created_at",), "search_for": ("password",),
        "filter_by": ("read", "unread")},
     open_item=("1", "/me"), read_all=())
_add("attendee.inbox.InboxState", "public", setvar=("locale", "en"))
_add("staff.mail.MailLogState", "role:staff",
     **{**_TABLE, "sort_by": ("to_email",), "search_for": ("demo",),
        "filter_by": ("template", "emergency_broadcast")})
_add("staff.mail.MailLogState", "public", setvar=("locale", "en"))
_add("staff.mail_message.MailMessageState", "role:staff", load=(), resend=())
_add("staff.mail_message.MailMessageState", "public", setvar=("locale", "en"))
# Anyone, in development only: the service refuses in production (test_dev_mailbox.py), and
# the page is not even routed there.
_add("dev.mailbox.DevMailboxState", "public", setvar=("locale", "en"), load=())


def _upload_args() -> tuple:
    import io
    from pathlib import Path

    from reflex import UploadFile

    return ([UploadFile(file=io.BytesIO(b"%PDF-1.4\n%%EOF\n"), path=Path("licence.pdf"))],)


APPLICATION = {"legal_name": "Mallory Events", "kind": "company",
                "registration_number": "X1", "contact_name": "M", "address": "Somewhere",
                "contact_phone": "+86 138 0000 7777", "description": "Forged."}
_add("organizer.overview.OrganizerHomeState", "public", setvar=("locale", "en"),
     choose_document_kind=("other",))
_add("organizer.overview.OrganizerHomeState", "signed-in", load=(), act_for=("2",),
     upload_document=_upload_args, resubmit=(APPLICATION,),
     invite=({"email": "mallory@example.org"},))
_add("organizer.apply.ApplyState", "public", setvar=("locale", "en"), prepare=(),
     choose_document_kind=("other",), hold_form=(APPLICATION,))  # the caller's own form
_add("organizer.apply.ApplyState", "signed-in", submit=_upload_args)
_add("organizer.join.JoinState", "public", setvar=("locale", "en"))
_add("organizer.join.JoinState", "signed-in", accept=())
_add("public.certificate.CertificateState", "public", setvar=("locale", "en"), load=())
_add("staff.organizers.OrganizerQueueState", "role:reviews",
     **{**TABLE_EVENTS, "sort_by": ("legal_name",), "search_for": ("Harbour",),
        "filter_by": ("status", "approved")})
_add("staff.organizers.OrganizerQueueState", "public", setvar=("locale", "en"))
_add("staff.organizer_review.OrganizerReviewState", "public", setvar=("locale", "en"),
     keep_note=("forged",))
_add("staff.organizer_review.OrganizerReviewState", "role:reviews", load=(),
     decide=("approve",))

EVENT_FORM = {"name": "Forged", "starts_at": "2030-01-01T09:00", "ends_at": "2030-01-01T10:00",
               "registration_opens_at": "2029-12-01T09:00",
               "registration_closes_at": "2029-12-31T09:00", "capacity": "10",
               "venue_address": "x", "fee_kind_0": "registration", "fee_amount_0": "1"}
_add("public.catalogue.CatalogueState", "public", setvar=("locale", "en"), load=(),
     **{**TABLE_EVENTS, "sort_by": ("name",), "filter_by": ("city", "Shanghai")})
_add("public.event_page.EventPageState", "public", setvar=("locale", "en"), load=(),
     tick=("12:00:00",))
# The registration form: the event comes from the page address, the answers from the client.
# Going back from review and dropping a chosen file touch only the caller's own tab.
REGISTRATION_FORM = {"fee_1": "on", "answer_1": "forged", "safety_ack": "on",
                     "qualification": "x" * 1000}
_add("public.register_state.RegisterState", "public", setvar=("locale", "en"), edit=(),
     drop_file=("1",))
_add("public.register_state.RegisterState", "signed-in", load=(),
     attach_file=lambda: (_upload_args()[0], "1"), review=(REGISTRATION_FORM,), confirm=(),
     join_waitlist=())
# Changing one's answers: the registration comes from the page address, the answers from the
# client; dropping a chosen file touches only the caller's own tab.
_add("attendee.answers_state.AnswersState", "public", setvar=("locale", "en"),
     drop_file=("1",))
_add("attendee.answers_state.AnswersState", "signed-in", load=(),
     attach_file=lambda: (_upload_args()[0], "1"), save=(REGISTRATION_FORM,))
# The registration desk: the event comes from the page address; the person from the form.
DESK_FORM = {"email": "walk-in@example.org", "name": "Walk In", "phone": "+86 137 0000 0000",
             "date_of_birth": "1990-01-01", "channel": "phone", "safety_ack": "on"}
_add("organizer.register_someone_state.RegisterSomeoneState", "public",
     setvar=("locale", "en"), another=())
_add("organizer.register_someone_state.RegisterSomeoneState", "signed-in", load=(),
     submit=(DESK_FORM,))
_add("organizer.events.MyEventsState", "public", setvar=("locale", "en"))
_add("organizer.events.MyEventsState", "signed-in",
     **{**TABLE_EVENTS, "sort_by": ("name",), "filter_by": ("status", "draft")})
_add("organizer.event_editor_state.EventEditorState", "public", setvar=("locale", "en"),
     add_fee=(), remove_fee=("0",))
_add("organizer.event_editor_state.EventEditorState", "signed-in", load=(), save=(EVENT_FORM,),
     submit_for_review=())
_add("staff.events.EventQueueState", "public", setvar=("locale", "en"))
_add("staff.events.EventQueueState", "role:reviews",
     **{**TABLE_EVENTS, "sort_by": ("name",), "search_for": ("review",),
        "filter_by": ("status", "submitted")})
_add("staff.event_review.EventReviewState", "public", setvar=("locale", "en"),
     keep_note=("forged",))
_add("staff.event_review.EventReviewState", "role:reviews", load=(), decide=("approve",))
_add("organizer.event_editor_state.EventEditorState", "signed-in",
     request_cancellation=({"cancel_reason": "forged"},))
_add("staff.changes.ChangeQueueState", "public", setvar=("locale", "en"))
_add("staff.changes.ChangeQueueState", "role:reviews",
     **{**TABLE_EVENTS, "sort_by": ("review_due_at",), "search_for": ("review",),
        "filter_by": ("kind", "cancel")})
_add("staff.change_review.ChangeReviewState", "public", setvar=("locale", "en"),
     keep_note=("forged",))
_add("staff.change_review.ChangeReviewState", "role:reviews", load=(), decide=("approve",))
_add("organizer.event_editor_state.EventEditorState", "public", add_question=(),
     remove_question=("0",))
_add("organizer.event_editor_state.EventEditorState", "signed-in", upload_cover=_upload_args)
_add("organizer.event_editor_state.EventEditorState", "signed-in",
     autosave=({"name": "Forged", "capacity": "-1", "evil": "x" * 10},), discard_changes=())
_add("staff.overview.StaffOverviewState", "public", setvar=("locale", "en"))
_add("staff.overview.StaffOverviewState", "role:staff", load=())
_add("attendee.overview.AttendeeOverviewState", "public", setvar=("locale", "en"))
_add("attendee.overview.AttendeeOverviewState", "signed-in", load=())
_add("attendee.ticket.TicketState", "public", setvar=("locale", "en"))
_add("attendee.ticket.TicketState", "signed-in", load=())
_add("attendee.registrations.MyRegistrationsState", "public", setvar=("locale", "en"))
_add("attendee.registrations.MyRegistrationsState", "signed-in",
     **{**TABLE_EVENTS, "sort_by": ("starts_at",), "search_for": ("Harbour",),
        "filter_by": ("when", "past")},
     claim=("1",), cancel=("1",))
_add("attendee.refund_request.RefundRequestState", "public", setvar=("locale", "en"),
     close=(), keep_reason=("forged",))
_add("attendee.refund_request.RefundRequestState", "signed-in", start=("1",), submit=())
_add("organizer.refunds.OrganizerRefundsState", "public", setvar=("locale", "en"),
     open_decision=("1", "grant"), close=(), keep_amount=("1.00",), keep_note=("forged",))
_add("organizer.refunds.OrganizerRefundsState", "signed-in", load=(), decide=())
_add("organizer.check_in_state.CheckInState", "public", setvar=("locale", "en"),
     camera_failed=("permission-denied", "Permission denied"), toggle_camera=(),
     set_mode=("name",))
_add("organizer.check_in_state.CheckInState", "signed-in", load=(), tick=("12:00:00",),
     scanned=("https://evil.example/ticket?code=AAAA-BBBB-CCCC",),
     submit_code=({"code": "AAAA-BBBB-CCCC"},), search=("Olga",), check_in_person=("1",),
     undo=())
_add("organizer.registrations_state.RegistrationsState", "public", setvar=("locale", "en"),
     keep_note=("forged",), panel_changed=(False,))
_add("organizer.registrations_state.RegistrationsState", "signed-in", load=(), tick=("12:00:00",),
     show_awaiting=(True,), open_registration=("1",), decide=("approve",),
     **{**TABLE_EVENTS, "sort_by": ("name",), "search_for": ("Registrant",),
        "filter_by": ("status", "pending_review")})
# The stepped event editor: moving between steps (reaching the review saves the draft and reads
# its checklist), previewing (saves first), bringing back kept typing, deleting a draft. Moving a
# question and closing the preview touch only the caller's own tab.
_add("organizer.event_editor_state.EventEditorState", "public",
     move_question=("0", "1", {"q_kind_0": "short_text", "q_label_0": "x"}), close_preview=())
_add("organizer.event_editor_state.EventEditorState", "signed-in",
     go_to_step=("6", EVENT_FORM), preview_draft=(EVENT_FORM,), resume_autosave=(),
     delete_draft=())


def _receipt() -> tuple:
    from portal.services.finance_payments import today

    return ({"amount": "80", "received_on": today().isoformat(), "note": "forged"},)


# Finance staff: offline payments to confirm, every payment, refunds to pay back. Opening a
# dialog picks one of the rows the caller's own tab shows; the actions act on that one only.
_add("staff.payments_state.ToConfirmState", "public", setvar=("locale", "en"),
     open_confirm=("1",), confirm_changed=(False,))
_add("staff.payments_state.ToConfirmState", "role:finance",
     **{**TABLE_EVENTS, "sort_by": ("due_at",), "search_for": ("EP-",),
        "filter_by": ("method", "cash")},
     confirm=_receipt, not_received=("1",))
_add("staff.payments_state.AllPaymentsState", "public", setvar=("locale", "en"))
_add("staff.payments_state.AllPaymentsState", "role:finance",
     **{**TABLE_EVENTS, "sort_by": ("chosen_at",), "search_for": ("EP-",),
        "filter_by": ("status", "succeeded")})
# Finance reports and reconciliation: finance staff and admins; each run is logged.
_PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
_add("staff.reports_state.ReportsState", "public", setvar=("locale", "en"))
_add("staff.reports_state.ReportsState", "role:finance", load=(),
     run_report=({**_PERIOD, "organizer_id": str(OTHER_USER), "bucket": "week"},))
_add("staff.reconciliation.ReconciliationState", "public", setvar=("locale", "en"), load=())
_add("staff.reconciliation.ReconciliationState", "role:finance", run_check=(_PERIOD,))
_add("staff.refunds.RefundsState", "public", setvar=("locale", "en"), open_pay_back=("1",),
     pay_changed=(False,))
_add("staff.refunds.RefundsState", "role:finance",
     **{**TABLE_EVENTS, "sort_by": ("created_at",), "search_for": ("EP-",),
        "filter_by": ("kind", "pay_back")},
     mark_paid_back=_receipt)
# Settlement: finance staff approve statements and record payouts (the statement comes from
# the page address); an organizer's members read their own; administrators set the fee.
_add("staff.settlements.SettlementsState", "public", setvar=("locale", "en"))
_add("staff.settlements.SettlementsState", "role:finance", bring_up_to_date=(),
     **{**TABLE_EVENTS, "sort_by": ("due_on",), "search_for": ("Harbour Lights",),
        "filter_by": ("state", "overdue")})
_add("staff.settlement.SettlementState", "public", setvar=("locale", "en"))
_add("staff.settlement.SettlementState", "role:finance", load=(), approve=(),
     record_payout=({"amount": "50.00", "paid_on": "2026-01-01", "bank_reference": "X"},))
_add("organizer.statements.OrganizerStatementsState", "public", setvar=("locale", "en"))
_add("organizer.statements.OrganizerStatementsState", "signed-in",
     **{**TABLE_EVENTS, "sort_by": ("due_on",), "search_for": ("Autumn",),
        "filter_by": ("state", "paid")})
_add("organizer.statement.OrganizerStatementState", "public", setvar=("locale", "en"))
_add("organizer.statement.OrganizerStatementState", "signed-in", load=())
_add("staff.fee_rates.FeeRatesState", "public", setvar=("locale", "en"),
     choose_scope=("1",))
_add("staff.fee_rates.FeeRatesState", "role:finance", load=())
_add("staff.fee_rates.FeeRatesState", "role:admin",
     add=({"percent": "99", "fixed": "", "currency": "CNY", "effective_from": "2099-01-01",
           "note": "forged"},))
# A registration's payment history: its holder, and finance staff.
_add("staff.payment_history.PaymentHistoryState", "public", setvar=("locale", "en"),
     history_changed=(False,))
_add("staff.payment_history.PaymentHistoryState", "signed-in", show_history=("1",))
# Paying for one's registration: the registration comes from the page address (the checkout
# from ?session=), never an amount from the client; changing the way shown touches only the
# caller's own tab.
_add("attendee.pay_state.PayState", "public", setvar=("locale", "en"), change_method=())
_add("attendee.pay_state.PayState", "signed-in", load=(), choose_offline=("bank_transfer",),
     pay_by_card=())
_add("attendee.paid.PaidState", "public", setvar=("locale", "en"))
_add("attendee.paid.PaidState", "signed-in", load=(), tick=("12:00:00",))
_add("attendee.demo_checkout.DemoCheckoutState", "public", setvar=("locale", "en"))
_add("attendee.demo_checkout.DemoCheckoutState", "signed-in", load=(), finish=("pay",))
_add("attendee.receipt.ReceiptState", "public", setvar=("locale", "en"))
_add("attendee.receipt.ReceiptState", "signed-in", load=())

# Ratings: rating one's own registration's event (the dialog opens for a registration the caller
# holds; choosing stars and typing touch only the caller's own tab); the organizer's ratings;
# complaints staff hiding comments (the dialog picks one of the rows the tab shows); the public
# comments on a certificate page.
_add("attendee.rate_event.RateEventState", "public", setvar=("locale", "en"), close=(),
     choose_stars=("5",), keep_comment=("forged",))
_add("attendee.rate_event.RateEventState", "signed-in", start=("1",), submit=())
_add("organizer.ratings.OrganizerRatingsState", "public", setvar=("locale", "en"))
_add("organizer.ratings.OrganizerRatingsState", "signed-in",
     **{**TABLE_EVENTS, "sort_by": ("stars",), "search_for": ("Lantern",),
        "filter_by": ("stars", "5")})
_add("staff.ratings.StaffRatingsState", "public", setvar=("locale", "en"),
     open_dialog=("1", "hide"), dialog_changed=(False,), keep_reason=("forged",))
_add("staff.ratings.StaffRatingsState", "role:complaints",
     **{**TABLE_EVENTS, "sort_by": ("stars",), "search_for": ("Lantern",),
        "filter_by": ("hidden", "hidden")},
     confirm=())
_add("public.certificate.CertificateState", "public", show_comments=(2,))
# Supervision (rules §3.3): rectification notices and sanctions. Staff of the reviews or
# complaints area act; the organizer's members answer their own notices. Opening a dialog
# picks a row the caller's own tab shows; the action runs on the page's organizer/notice.
NOTICE_FORM = {"problem": "Forged", "required_action": "Forged", "due_on": "2099-01-01",
               "complaint_id": ""}
_add("staff.supervision.SupervisionState", "public", setvar=("locale", "en"))
_add("staff.supervision.SupervisionState", "role:supervision",
     **{**TABLE_EVENTS, "sort_by": ("due_on",), "search_for": ("Harbour",),
        "filter_by": ("status", "open")})
_add("staff.notice.NoticeState", "public", setvar=("locale", "en"), keep_note=("forged",))
_add("staff.notice.NoticeState", "role:supervision", load=(), decide=("escalate",))
_add("staff.notice_new.NewNoticeState", "public", setvar=("locale", "en"),
     choose_event=("1",))
_add("staff.notice_new.NewNoticeState", "role:supervision", load=(), submit=(NOTICE_FORM,))
_add("staff.assessment_state.AssessmentState", "public", setvar=("locale", "en"),
     open_action=("revoke",), close=(), keep_reason=("forged",), keep_until=("2099-01-01",),
     keep_events=(False,), open_lift=("1",), keep_lift_reason=("forged",))
_add("staff.assessment_state.AssessmentState", "role:supervision", load=(), impose=(), lift=())
_add("organizer.notices.OrganizerNoticesState", "public", setvar=("locale", "en"),
     open_answer=("1",), close=(), hold_form=({"response": "forged"},))
_add("organizer.notices.OrganizerNoticesState", "signed-in", load=(), answer=_upload_args)
# Complaints, for the people concerned: the public page, the complainant, the organizer.
_COMPLAINT_TEXT = {"category": "fees", "what_happened": "Forged.", "outcome_wanted": ""}
_add("public.complaints_info.ComplaintsInfoState", "public", setvar=("locale", "en"), load=())
_add("attendee.complaint_new.ComplaintFormState", "public", setvar=("locale", "en"),
     choose_about=("registration",), choose=("registration_id", "1"),
     hold_form=(_COMPLAINT_TEXT,))  # the caller's own form
_add("attendee.complaint_new.ComplaintFormState", "signed-in", load=(), submit=_upload_args)
_add("attendee.complaints.MyComplaintsState", "public", setvar=("locale", "en"))
_add("attendee.complaints.MyComplaintsState", "signed-in", load=())
_add("attendee.complaint.MyComplaintState", "public", setvar=("locale", "en"),
     keep_reply=("forged",), keep_reason=("forged",))
_add("attendee.complaint.MyComplaintState", "signed-in", load=(), send_reply=(),
     confirm_satisfied=(), ask_to_reopen=())
_add("organizer.complaints.OrganizerComplaintsState", "public", setvar=("locale", "en"))
_add("organizer.complaints.OrganizerComplaintsState", "signed-in", load=())
_add("organizer.complaint.OrganizerComplaintState", "public", setvar=("locale", "en"),
     hold_form=({"body": "Forged."},))
_add("organizer.complaint.OrganizerComplaintState", "signed-in", load=(),
     respond=_upload_args)
# Complaints, for staff of the complaints area: the queue, a phone complaint, one complaint's
# page and its actions. The complaint is the one in the page address; choosing what a dialog or
# the subject shows, and holding a form until its files arrive, touch only the caller's tab.
COMPLAINT_RECORD = {"name": "Mallory", "email": "mallory@example.org", "phone": "",
                    "title": "Forged", "category": "other", "about": "platform"}
_add("staff.complaints.ComplaintQueueState", "public", setvar=("locale", "en"))
_add("staff.complaints.ComplaintQueueState", "role:complaints", load=(),
     **{**TABLE_EVENTS, "sort_by": ("due",), "search_for": ("C-",),
        "filter_by": ("status", "received")})
_add("staff.complaint_phone.PhoneComplaintState", "public", setvar=("locale", "en"),
     choose_about=("event",), hold_form=({**COMPLAINT_RECORD, "what_happened": "x"},))
_add("staff.complaint_phone.PhoneComplaintState", "role:complaints", load=(),
     look_up_caller=("attendee@demo.example",), submit=_upload_args)
_add("staff.complaint_state.ComplaintState", "public", setvar=("locale", "en"),
     choose_about=("registration",), open_dialog=("accept",), dialog_changed=(False,),
     hold_note=({"body": "Forged."},))
_add("staff.complaint_state.ComplaintState", "role:complaints", load=(),
     look_up_caller=("attendee@demo.example",), accept=(COMPLAINT_RECORD,),
     decline=({"reason": "Forged."},), assign=({"assignee_id": "2"},),
     start_investigation=(), add_note=_upload_args, message=({"body": "Forged."},),
     ask_organizer=({"body": "Forged.", "working_days": "3"},),
     handle=({"findings": "Forged.", "outcome": "upheld", "amount": "1"},),
     send_feedback=({"body": "Forged."},))

__all__ = ["HANDLERS", "OTHER_USER", "TABLE_EVENTS"]
