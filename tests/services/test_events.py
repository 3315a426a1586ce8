"""Event drafts, review before publishing, and the public catalogue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import EventStatus
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Event, Notification, Organizer, Registration
from portal.services import (
    event_autosave,
    event_drafts,
    event_form,
    event_review,
    event_views,
)
from portal.services.paging import PageRequest
from portal.services.registrations import cancel_registration
from tests.services.registration_helpers import set_event, sign_up_for

SOON = (utcnow() + timedelta(days=30)).replace(microsecond=0)


def local(delta_days: float = 0, hour: int = 9) -> str:
    moment = SOON + timedelta(days=delta_days)
    return moment.strftime("%Y-%m-%dT") + f"{hour:02d}:00"


def draft(**overrides) -> event_form.EventDraft:
    data = dict(
        name="Data Summit", summary="Two days of data.", description="**Big** talks",
        category="conference", starts_at=local(0, 9), ends_at=local(1, 18),
        time_zone="Asia/Shanghai", format="in_person", venue_address="1 Expo Road",
        city="Shanghai", capacity="200", registration_opens_at=local(-20, 9),
        registration_closes_at=local(-1, 18), safety_risks="Crowding",
        safety_measures="Stewards", emergency_contact="+86 21 5555 0101",
        emergency_plan="Fire: exits A/B. Earthquake: assembly point. Network: offline badges.")
    data.update(overrides)
    return event_form.EventDraft(**data)


FEES = [event_form.FeeInput(kind="registration", amount="99.00"),
        event_form.FeeInput(kind="catering", amount="30", mandatory=False)]


def save(team, who="olga", event_id=None, fees=FEES, questions=None, **overrides) -> int:
    with session_scope() as session:
        return event_drafts.save_draft(session, team[who], organizer_id=team["organizer_id"],
                                 event_id=event_id, draft=draft(**overrides), fees=fees,
                                 questions=questions)


def call(service, actor, **kwargs):
    with session_scope() as session:
        return service(session, actor, **kwargs)


def test_draft_saves_times_in_utc_and_fee_totals(team, db):
    event_id = save(team)
    event = db.get(Event, event_id)
    assert event.status == "draft" and event.starts_at.hour == 1  # 09:00 in Shanghai
    assert event.total_fee_minor == 9900 and event.currency == "CNY"
    view = call(event_views.editor_event, team["olga"], event_id=event_id)
    assert [(f.label, f.amount_minor, f.mandatory) for f in view.fees] == [
        ("registration", 9900, True), ("catering", 3000, False)]


@pytest.mark.parametrize(("field", "value"), [
    ("name", ""), ("ends_at", local(-1)), ("capacity", "0"), ("capacity", "-5"),
    ("capacity", "many"), ("registration_closes_at", local(2)), ("category", "rave"),
    ("format", "telepathy"), ("join_link", "javascript:alert(1)"), ("max_age", "5"),
    ("starts_at", "tomorrow"), ("time_zone", "Mars/Base"),
])
def test_bad_drafts_are_refused_beside_the_field(team, db, field, value):
    overrides = {field: value}
    if field == "join_link":
        overrides["format"] = "hybrid"
    if field == "max_age":
        overrides["min_age"] = "18"
    with pytest.raises(Invalid) as refused:
        save(team, **overrides)
    assert refused.value.field == field
    assert db.exec(select(Event)).all() == []


def test_bad_fees_are_refused(team):
    for fees in ([event_form.FeeInput(kind="registration", amount="9.999")],
                 [event_form.FeeInput(kind="custom", amount="5")],
                 [event_form.FeeInput(kind="bribe", amount="5")]):
        with pytest.raises(Invalid):
            save(team, fees=fees)


def test_only_members_of_a_qualified_unsanctioned_organizer_write(team, db):
    with pytest.raises(Forbidden):
        save(team, who="eve")
    event_id = save(team)
    with pytest.raises(NotFound):
        call(event_views.editor_event, team["eve"], event_id=event_id)
    with session_scope() as session:
        session.execute(update(Organizer).values(publishing_suspended=True))
    with pytest.raises(Forbidden):
        save(team, event_id=event_id)
    with pytest.raises(Forbidden):
        call(event_drafts.submit_event, team["olga"], event_id=event_id)


def test_missing_safety_plan_blocks_submission(team):
    event_id = save(team, emergency_plan="")
    with pytest.raises(Invalid) as refused:
        call(event_drafts.submit_event, team["olga"], event_id=event_id)
    assert refused.value.field == "emergency_plan"


def test_review_cycle_publishes_into_the_catalogue(team, db):
    event_id = save(team)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    with pytest.raises(Conflict):
        save(team, event_id=event_id)  # under review: not editable
    with pytest.raises(Forbidden):
        call(event_review.decide_event, team["olga"], event_id=event_id, decision="approve")
    with pytest.raises(Invalid):
        call(event_review.decide_event, team["rita"], event_id=event_id, decision="reject")
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="reject",
         note="Add the venue floor plan.")
    save(team, event_id=event_id, name="Data Summit 2027")
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    queue = call(event_views.review_queue, team["rita"],
                 request=PageRequest(filters={"status": "submitted"}))
    assert [card.name for card in queue.items] == ["Data Summit 2027"]
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="approve")
    db.rollback()
    assert db.get(Event, event_id).status == EventStatus.PUBLISHED.value
    notes = {n[0].template for n in db.exec(select(Notification).where(
        Notification.user_id == team["olga"].user_id))}
    assert {"event_reject", "event_approve"} <= notes
    with session_scope() as session:
        page = event_views.catalogue(session, request=PageRequest(search="summit"),
                                     time_zone="Asia/Shanghai")
        detail = event_views.public_event(session, event_id=event_id)
    assert page.total == 1 and page.items[0].organizer == "Bright Events Ltd"
    assert detail.organizer_certificate.startswith("EP-") and detail.seats_left == 200
    set_event(event_id, registration_opens_at=utcnow() - timedelta(days=1))
    held = [sign_up_for(team[who], event_id) for who in ("olga", "rita", "eve")]
    with session_scope() as session:  # three people hold a seat, then one cancels
        cancel_registration(session, team["eve"], registration_id=held[2].id)
    with session_scope() as session:
        assert event_views.public_event(session, event_id=event_id).seats_left == 198


def test_drafts_are_not_public(team):
    event_id = save(team)
    with pytest.raises(NotFound), session_scope() as session:
        event_views.public_event(session, event_id=event_id)


def test_catalogue_filters(team, db):
    ids = [save(team, name="Free Workshop", category="training", city="Beijing", fees=[]),
           save(team, name="Paid Summit"),
           save(team, name="Online Talk", format="online", venue_address="",
                join_link="https://meet.example.org/x", city="", fees=[])]
    with session_scope() as session:
        session.execute(update(Event).values(status="published"))
    def find(**filters):
        with session_scope() as session:
            return [c.name for c in event_views.catalogue(
                session, request=PageRequest(filters=filters, sort="name"),
                time_zone="Asia/Shanghai").items]
    assert find(price="free") == ["Free Workshop", "Online Talk"]
    assert find(price="paid") == ["Paid Summit"]
    assert find(city="beijing") == ["Free Workshop"]
    assert find(format="online") == ["Online Talk"]
    assert find(category="training") == ["Free Workshop"]
    assert find(**{"from": local(40)[:10]}) == []
    with pytest.raises(Invalid):
        find(price="cheap")
    assert len(ids) == 3


def test_hostile_markdown_renders_inert():
    html = event_views.render_markdown(
        "<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
        "<img src=x onerror=alert(1)> **bold** [ok](https://example.org)")
    assert "<script" not in html and 'href="javascript' not in html  # shown as text only
    assert "<img" not in html and "&lt;img" in html and "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html and "noopener" in html


def test_a_description_keeps_its_structure_under_the_page_title():
    html = event_views.render_markdown(
        "# Programme\n\n## Day one\n\n#### Late\n\n1. Doors\n2. Talks\n\n- tea\n\n"
        "> quote\n\n`code`\n\n```\nblock\n```\n\n[mail](mailto:a@example.org)")
    assert "<h1>" not in html and "<h3>Programme</h3>" in html and "<h4>Day one</h4>" in html
    assert "<h5>Late</h5>" in html  # under the event's name (h1) and "About" (h2)
    assert "<ol>" in html and "<ul>" in html and "<blockquote>" in html
    assert "<code>code</code>" in html and "<pre><code>block" in html
    assert 'href="mailto:a@example.org"' in html


def test_the_registration_form_is_built_with_the_event(team, db):
    questions = [event_form.QuestionInput(kind="single_choice", label="T-shirt size",
                                      required=True, options="S\nM\nL"),
                 event_form.QuestionInput(kind="yes_no", label="Vegetarian meal?")]
    event_id = save(team, questions=questions)
    view = call(event_views.editor_event, team["olga"], event_id=event_id)
    assert [(q.label, q.required, q.options) for q in view.questions] == [
        ("T-shirt size", True, ["S", "M", "L"]), ("Vegetarian meal?", False, [])]
    for bad in ([event_form.QuestionInput(kind="single_choice", label="Size", options="S")],
                [event_form.QuestionInput(kind="single_choice", label="Size", options="S\nS")],
                [event_form.QuestionInput(kind="telepathy", label="Hm")],
                [event_form.QuestionInput(kind="short_text", label="")],
                [event_form.QuestionInput(label=f"Q{n}") for n in range(31)]):
        with pytest.raises(Invalid) as refused:
            save(team, event_id=event_id, questions=bad)
        assert refused.value.field == "questions"
    assert len(call(event_views.editor_event, team["olga"], event_id=event_id).questions) == 2


def test_my_events_show_registration_counts(team, db):
    event_id = save(team)
    with session_scope() as session:
        session.add(Registration(event_id=event_id, user_id=team["eve"].user_id))
    page = call(event_views.my_events, team["olga"], organizer_id=team["organizer_id"],
                request=PageRequest())
    assert [(c.name, c.registrations) for c in page.items] == [("Data Summit", 1)]
    with pytest.raises(Forbidden):
        call(event_views.my_events, team["eve"], organizer_id=team["organizer_id"],
             request=PageRequest())


def test_typing_is_kept_until_saved_even_when_invalid(team, db):
    from portal.domain.models import EventAutosave

    typed = {"name": "Half-typed", "capacity": "-3", "fee_kind_0": "registration",
             "fee_amount_0": "9.999", "unknown": "dropped"}
    call(event_autosave.autosave_draft, team["olga"], organizer_id=team["organizer_id"], event_id=0,
         data=typed)
    kept, _ = call(event_autosave.load_autosave, team["olga"], event_id=0)
    assert kept == {k: v for k, v in typed.items() if k != "unknown"}
    with pytest.raises(Forbidden):
        call(event_autosave.autosave_draft, team["eve"], organizer_id=team["organizer_id"],
             event_id=0, data=typed)
    assert call(event_autosave.load_autosave, team["eve"], event_id=0) is None
    event_id = save(team)  # a real save clears what was kept
    assert call(event_autosave.load_autosave, team["olga"], event_id=0) is None
    call(event_autosave.autosave_draft, team["olga"], organizer_id=team["organizer_id"],
         event_id=event_id, data={"name": "Renamed"})
    kept = call(event_autosave.load_autosave, team["olga"], event_id=event_id)
    assert kept[0] == {"name": "Renamed"}
    with pytest.raises(Invalid):
        call(event_autosave.autosave_draft, team["olga"], organizer_id=team["organizer_id"],
             event_id=event_id, data={"description": "x" * 25000, **{
                 f"q_options_{n}": "y" * 25000 for n in range(10)}})
    call(event_autosave.discard_autosave, team["olga"], event_id=event_id)
    db.rollback()
    assert db.exec(select(EventAutosave)).all() == []


def test_staff_overview_counts_each_queue(team, db):
    from portal.services.staff_overview import queues

    event_id = save(team)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    found = {q.key: (q.waiting, q.overdue) for q in call(queues, team["rita"])}
    assert found["events"] == (1, 0) and found["organizers"] == (0, 0)
    with session_scope() as session:
        session.execute(update(Event).values(review_due_at=utcnow() - timedelta(days=1)))
    assert {q.key: q.overdue for q in call(queues, team["rita"])}["events"] == 1
    with pytest.raises(Forbidden):
        call(queues, team["olga"])
