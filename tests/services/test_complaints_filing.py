"""Filing complaints (rules §6.1.1): the online form for one's own registrations, the phone
line typed in by staff, evidence checked by type and size; each acknowledged by email with its
reference. Refusals change nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import ComplaintChannel, ComplaintStatus, Role
from portal.domain.errors import Forbidden, Invalid, NotFound
from portal.domain.models import Complaint, ComplaintFile
from portal.domain.policies import Actor
from portal.services import complaint_files, complaints_filing
from portal.settings import get_settings
from portal.wiring import file_store
from tests.services.complaint_helpers import (
    PDF,
    actions,
    call,
    complaint,
    evidence,
    file_online,
    mails,
    staff,
)
from tests.services.payment_helpers import holder, paid_event


def _count(model) -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_an_attendee_files_about_their_own_registration_with_evidence(team):
    event_id = paid_event(team)
    ann, reg_id = holder("Ann", event_id)
    filed = file_online(ann, about="registration", registration_id=reg_id, category="fees",
                        files=[evidence("receipt.png"), evidence("bill.pdf", PDF),
                               evidence("notes.txt", "加收了费用 extra fee".encode())])
    assert re.fullmatch(r"C-\d{4}-\d{6}", filed.reference)
    assert filed.status is ComplaintStatus.RECEIVED and filed.due_at is not None
    found = complaint(filed.id)
    assert (found.channel, found.event_id, found.registration_id, found.organizer_id) == (
        "online", event_id, reg_id, team["organizer_id"])
    assert (found.complainant_id, found.complainant_email) == (ann.user_id, "ann@example.org")
    [ack] = mails("ann@example.org")[-1:]
    assert ack.template == "complaint_received" and filed.reference in ack.body_text
    assert actions(filed.id) == ["complaint.filed"]
    with session_scope() as session:
        kept = list(session.exec(select(ComplaintFile).order_by(ComplaintFile.id)))
    assert [f.content_type for f in kept] == ["image/png", "application/pdf", "text/plain"]
    # the complainant and staff open the evidence; another attendee learns nothing
    cora = staff()
    for reader in (ann, cora):
        view, content = call(complaint_files.open_complaint_file, reader, file_id=kept[0].id,
                             store=file_store())
        assert view.filename == "receipt.png" and content.startswith(b"\x89PNG")
    eve = team["eve"]
    with pytest.raises(NotFound):
        call(complaint_files.open_complaint_file, eve, file_id=kept[0].id, store=file_store())


def test_someone_elses_registration_is_refused_and_nothing_changes(team):
    event_id = paid_event(team)
    _ann, reg_id = holder("Ann", event_id)
    bob, _ = holder("Bob", event_id)
    before = len(mails("bob@example.org"))
    with pytest.raises(NotFound):
        file_online(bob, about="registration", registration_id=reg_id)
    assert _count(Complaint) == 0 and len(mails("bob@example.org")) == before


def test_a_draft_event_cannot_be_complained_about_online(team):
    from tests.services.registration_helpers import person

    ann = person("Ann")
    with pytest.raises(NotFound):
        file_online(ann, about="event", event_id=999)
    with pytest.raises(Invalid) as problem:
        file_online(ann, about="registration")
    assert problem.value.field == "registration_id"
    with pytest.raises(Invalid):
        file_online(ann, about="weather")
    with pytest.raises(Invalid):
        file_online(ann, category="mood")
    with pytest.raises(Invalid) as problem:
        file_online(ann, what_happened="   ")
    assert problem.value.field == "what_happened"
    assert _count(Complaint) == 0


def test_signing_in_is_needed(engine):
    with pytest.raises(Forbidden):
        file_online(Actor.anonymous())


@pytest.mark.parametrize("name,content", [
    ("virus.exe", b"MZ\x90\x00" + b"\x00" * 200),
    ("archive.zip", b"PK\x03\x04" + b"\x00" * 200),
    ("binary.txt", b"text\x00with a nul"),
    ("empty.png", b""),
])
def test_evidence_of_the_wrong_type_is_refused(team, name, content):
    from tests.services.registration_helpers import person

    ann = person("Ann")
    with pytest.raises(Invalid) as problem:
        file_online(ann, files=[evidence(name, content)])
    assert problem.value.field == "files"
    assert _count(Complaint) == 0 and _count(ComplaintFile) == 0


def test_evidence_over_the_size_limit_is_refused(team, monkeypatch):
    from tests.services.registration_helpers import person

    ann = person("Ann")
    monkeypatch.setenv("PORTAL_UPLOAD_MAX_MB", "1")
    get_settings.cache_clear()
    try:
        with pytest.raises(Invalid) as problem:
            file_online(ann, files=[evidence("big.pdf", PDF + b" " * (1024 * 1024))])
        assert "1 MB" in problem.value.message
        with pytest.raises(Invalid):
            file_online(ann, files=[evidence(f"p{i}.png") for i in range(6)])
    finally:
        get_settings.cache_clear()
    assert _count(Complaint) == 0


def test_staff_record_a_phone_complaint_linked_to_the_known_account(team):
    event_id = paid_event(team)
    ann, _reg = holder("Ann", event_id)
    cora = staff()
    filed = call(complaints_filing.record_phone_complaint, cora, name="Ann on the phone",
                 email="ANN@example.org", phone="", about="event", event_id=event_id,
                 category="safety", what_happened="No stewards at the exit.",
                 store=file_store())
    found = complaint(filed.id)
    assert (found.channel, found.entered_by_id, found.complainant_id) == (
        ComplaintChannel.PHONE.value, cora.user_id, ann.user_id)
    assert found.organizer_id == team["organizer_id"]
    assert mails("ann@example.org")[-1].template == "complaint_received"


def test_a_phone_complaint_from_someone_without_an_account(team):
    cora = staff()
    filed = call(complaints_filing.record_phone_complaint, cora, name="Wang Fang",
                 email="", phone="+86 139 1111 2222", about="organizer",
                 organizer_id=team["organizer_id"], category="conduct",
                 what_happened="Rude staff.", store=file_store(), locale="zh-Hans")
    found = complaint(filed.id)
    assert found.complainant_id is None and found.complainant_phone == "+86 139 1111 2222"
    assert found.locale == "zh-Hans"
    with pytest.raises(Invalid) as problem:
        call(complaints_filing.record_phone_complaint, cora, name="Nobody", about="platform",
             category="other", what_happened="x", store=file_store())
    assert problem.value.field == "phone"
    withemail = call(complaints_filing.record_phone_complaint, cora, name="Li Na",
                     email="li.na@example.net", about="platform", category="other",
                     what_happened="Could not find the refund page.", store=file_store())
    assert complaint(withemail.id).complainant_id is None
    [ack] = mails("li.na@example.net")
    assert withemail.reference in ack.body_text and ack.to_user_id is None


@pytest.mark.parametrize("who", ["attendee", "reviews", "finance"])
def test_only_the_complaints_area_records_phone_complaints(team, who):
    actor = {"attendee": team["eve"], "reviews": team["rita"],
             "finance": staff("Finn", frozenset({Role.STAFF_FINANCE}))}[who]
    with pytest.raises(Forbidden):
        call(complaints_filing.record_phone_complaint, actor, name="X", phone="1",
             about="platform", category="other", what_happened="x", store=file_store())
    assert _count(Complaint) == 0


def test_an_admin_may_record_one(team):
    boss = staff("Ada", frozenset({Role.ADMIN}))
    filed = call(complaints_filing.record_phone_complaint, boss, name="X", phone="1",
                 about="platform", category="other", what_happened="x", store=file_store())
    assert complaint(filed.id).entered_by_id == boss.user_id


def test_the_form_offers_ones_own_registrations(team):
    event_id = paid_event(team)
    ann, reg_id = holder("Ann", event_id)
    holder("Bob", event_id)
    found = call(complaints_filing.complaint_subjects, ann)
    assert [o.id for o in found.registrations] == [reg_id]
    assert [o.id for o in found.events] == [event_id]
    with session_scope() as session:
        contacts = complaints_filing.complaint_contacts(session)
    assert "@" in contacts.email and contacts.phone


def test_the_evidence_route_serves_only_those_who_may_read_it(team):
    from tests.services.helpers import sign_in
    from tests.services.registration_helpers import person
    from tests.services.test_id_range import get

    ann = person("Ann")
    file_online(ann, files=[evidence("receipt.png")])
    staff()
    with session_scope() as session:
        file_id = session.exec(select(ComplaintFile.id)).one()
    path = f"/files/complaint/{file_id}"
    mine = get(path, sign_in("ann@example.org"))
    assert mine.status_code == 200 and mine.content.startswith(b"\x89PNG")
    assert mine.headers["cache-control"] == "private, no-store"
    assert get(path, sign_in("cora@example.org")).status_code == 200
    for other in (sign_in("eve@example.org"), sign_in("olga@example.org"), ""):
        assert get(path, other).status_code == 404
    assert get("/files/complaint/abc", sign_in("cora@example.org")).status_code == 404
