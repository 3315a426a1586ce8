"""Every audit action reads as a sentence in both languages: names, not codes; labels, not
enum values; never JSON. Unknown codes still read as words."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from portal.domain.enums import AuditAction
from portal.domain.models import AuditEntryPublic
from portal.services.audit_sentences import SENTENCES, describe, humanize, is_noise

KIND = {"user": "user", "sign_in": "user", "session": "user", "password_change": "user",
        "access": "user", "organizer": "organizer", "event": "event", "email": "email",
        "registration": "registration", "payment": "registration", "refund": "registration",
        "complaint": "complaint", "rating": "registration", "settings": "setting",
        "notice": "organizer", "sanction": "organizer", "backup": "backup",
        "emergency_plan": "emergency_plan", "incident": "incident", "broadcast": "incident",
        "rules": "user", "safety_guide": "user", "settlement": "event",
        "platform_fee": "organizer"}
# What an entry of each action holds, as the services record it.
AFTER = {"settings.changed": {"setting": "review_working_days", "value": "9"},
         "user.role_granted": {"role": "staff_reviews"}, "user.role_revoked": {"role": "admin"},
         "user.suspended": {"status": "suspended"}, "user.active": {"status": "active"},
         "event.approve": {"status": "published"}, "event.reject": {"status": "rejected"},
         "organizer.approve": {"status": "approved", "certificate_number": "EP-2026-0001"},
         "organizer.document_added": {"kind": "business_licence", "filename": "l.pdf"},
         "organizer.member_invited": {"email": "new@example.org"},
         "user.email_changed": {"email": "new@example.org"},
         "user.email_change_requested": {"email": "new@example.org"},
         "user.signed_up_with_provider": {"issuer": "https://id.example.org"},
         "user.identity_linked": {"issuer": "https://id.example.org"},
         "session.signed_out_everywhere": {"sessions": "3"},
         "registration.created": {"status": "confirmed", "channel": "phone",
                                  "total_minor": "5000", "event_id": "4"},
         "registration.cancelled": {"status": "cancelled", "refund_due": "True"},
         "email.resent": {"status": "pending"},
         "complaint.filed": {"channel": "email", "status": "received",
                             "reference": "C-2026-000009"},
         "complaint.accepted": {"status": "accepted", "category": "false_information",
                                "subject": "registration"},
         "complaint.assigned": {"assignee_id": "5", "assignee_name": "Cora Complaints"},
         "complaint.handled": {"status": "handled", "outcome": "not_upheld",
                               "remedies": "rectification_notice"},
         "complaint.closed": {"status": "closed", "closure": "no_answer"},
         "rating.given": {"stars": "4", "comment": "Well run"},
         **{action: {"version": 2} for action in ("rules.published", "rules.accepted",
                                                  "safety_guide.published",
                                                  "safety_guide.accepted")},
         "platform_fee.rate_added": {"percent": "2.5", "amount_minor": 100, "currency": "CNY",
                                     "effective_from": "2026-07-01"},
         **{action: {"sequence": 1, "amount_minor": 29090, "currency": "CNY"}
            for action in ("settlement.generated", "settlement.approved", "settlement.paid")},
         **{action: {"amount_minor": 12050, "currency": "CNY", "method": "bank_transfer"}
            for action in ("payment.started", "payment.succeeded", "payment.fee_recorded",
                           "refund.requested",
                           "refund.approved", "refund.succeeded")}}
BEFORE = {"settings.changed": {"value": "5"}, "event.approve": {"status": "submitted"},
          "user.suspended": {"status": "active"},
          "user.email_changed": {"email": "old@example.org"},
          "email.resent": {"status": "failed", "last_error": "550 mailbox full"}}
NAMES = {"user": "Li Lei", "organizer": "Harbour Events Co.", "event": "Spring Gala",
         "email": "Your ticket", "registration": "Li Lei — Spring Gala",
         "complaint": "C-2026-000009", "setting": "", "backup": "", "emergency_plan": "Fire plan",
         "incident": "Power cut in Hall B"}


def entry(action: str, **overrides) -> AuditEntryPublic:
    kind = KIND[action.split(".")[0]]
    values = dict(id=1, at=datetime(2026, 5, 1, tzinfo=UTC), actor="sam@example.org",
                  actor_id=2, actor_name="Sam Staff", action=action, object_type=kind,
                  object_id=9, before=BEFORE.get(action), after=AFTER.get(action),
                  note="email=x@example.org" if "failed" in action else "",
                  object_name=NAMES[kind], object_href=f"/staff/{kind}?id=9")
    return AuditEntryPublic(**{**values, **overrides})


CODE = re.compile(r"\b[a-z]+[._][a-z_]+\b|[{}\[\]]")


@pytest.mark.parametrize("action", [a.value for a in AuditAction])
@pytest.mark.parametrize("locale", ["en", "zh-Hans"])
def test_every_known_action_is_a_sentence_without_codes(action, locale):
    said = describe(entry(action), locale)
    text = " ".join([said.text, *said.details])
    assert action in SENTENCES
    assert said.link_text and said.text.strip()
    for allowed in ("@example.org", "https://id.example", "l.pdf"):  # what people typed
        text = text.replace(allowed, "")
    assert not CODE.search(text), text
    for raw in ("staff_reviews", "business_licence", "True", "→ published", "submitted →"):
        assert raw not in text
    if locale == "zh-Hans":
        assert re.search(r"[\u4e00-\u9fff]", said.text), f"{action} has no Chinese sentence"


def test_a_rating_says_its_stars_and_a_hidden_comment_its_reason():
    given = describe(entry("rating.given"), "en")
    assert given.text == ("Sam Staff rated the event of the registration Li Lei — Spring Gala: "
                          "4 of 5")
    hidden = describe(entry("rating.hidden", note="Insults"), "en")
    assert hidden.details == ["Note: Insults"]


def test_the_sentences_name_people_objects_and_labels():
    approved = describe(entry("event.approve"), "en")
    assert approved.text == "Sam Staff approved and published the event Spring Gala"
    assert (approved.link_text, approved.href) == ("Spring Gala", "/staff/event?id=9")
    assert approved.details == ["Status: In review → Published"]
    granted = describe(entry("user.role_granted", object_name="Li Lei"), "en")
    assert granted.text == "Sam Staff granted Li Lei the role Staff: reviews"
    assert describe(entry("user.role_granted"), "zh-Hans").text.startswith("Sam Staff")
    organizer = describe(entry("organizer.approve"), "en")
    assert "Certificate number: EP-2026-0001" in organizer.details
    cancelled = describe(entry("registration.cancelled"), "en")
    assert "Refund due: yes" in cancelled.details


def test_a_panel_on_the_object_page_does_not_link_to_itself():
    assert describe(entry("event.approve"), "en", link=False).href == ""


def test_without_an_actor_the_platform_did_it_and_missing_objects_still_read():
    lapsed = describe(entry("registration.expired", actor="system", actor_id=None,
                            actor_name=""), "en")
    assert lapsed.text == ("The seat hold or offer of the registration Li Lei — Spring Gala "
                           "lapsed")
    offered = describe(entry("registration.created", actor="system", actor_id=None,
                             actor_name=""), "en")
    assert offered.text.startswith("The platform made the registration")
    failed = describe(entry("sign_in.failed", object_id=None, object_name="", actor_id=None,
                            actor="system", actor_name=""), "en")
    assert failed.text == "A sign-in as an unknown account failed"
    assert failed.details == ["Address typed: x@example.org"]
    nameless = describe(entry("event.saved", object_name=""), "en")
    assert nameless.link_text == "event #9" and nameless.href == ""


def test_self_actions_link_the_actor_to_their_account():
    mine = entry("user.signed_up", actor_id=9, actor_name="Li Lei", object_name="Li Lei")
    said = describe(mine, "en", link_people=True)
    assert (said.text, said.href) == ("Li Lei signed up", "/staff/user?id=9")
    assert describe(mine, "en").href == ""  # for readers who may not open people
    other = describe(entry("access.denied", note="approve_event"), "en")
    assert other.href == "" and other.text.endswith("approve event")


def test_an_unknown_code_still_reads_as_words():
    said = describe(entry("event.teleported", object_name="Spring Gala"), "en")
    assert said.text == "Sam Staff recorded “event teleported” on Spring Gala"
    assert "“event teleported”" in describe(entry("event.teleported"), "zh-Hans").text
    assert humanize("user.role_frozen") == "user role frozen"


def test_sign_ins_and_sessions_are_noise_the_rest_is_not():
    assert is_noise("sign_in.succeeded") and is_noise("session.started")
    assert not is_noise("user.suspended") and not is_noise("access.denied")


def test_complaint_sentences_use_labels():
    handled = describe(entry("complaint.handled", before={"status": "investigating"}), "en")
    assert handled.text == "Sam Staff decided the complaint C-2026-000009: Not upheld"
    assert handled.details == ["Status: Investigating → Handled"]
    closed = describe(entry("complaint.closed"), "zh-Hans")
    assert "投诉人未答复" in " ".join(closed.details)
    assigned = describe(entry("complaint.assigned"), "en")
    assert assigned.text.endswith("to Cora Complaints")
