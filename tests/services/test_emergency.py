"""Emergencies (rules §4.1.2, §4.2.3): broadcasts reach every registrant of the chosen groups
exactly once, replays send nothing more, strangers are refused, withdrawing takes the banner
down; incidents are logged and closed; plans keep every version."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.emergency_enums import IncidentActionKind
from portal.domain.enums import RegistrationStatus, Role
from portal.domain.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from portal.domain.models import (
    AuditEntry,
    BroadcastDelivery,
    EmergencyBroadcast,
    Incident,
    Notification,
    OutboxEmail,
    Registration,
)
from portal.domain.policies import Actor
from portal.services import emergency_broadcasts as broadcasts
from portal.services import emergency_plans, incidents
from portal.services.paging import PageRequest
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in
from tests.services.registration_helpers import person, publish, sign_up_for

KEY = "k" * 20


def _status(registration_id: int, status: RegistrationStatus) -> None:
    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == registration_id)
                        .values(status=status.value))


@pytest.fixture
def crowd(team):
    """An event with a confirmed, a pending, a waitlisted and a cancelled registrant, and
    someone registered for another event only."""
    event_id, other_event = publish(team), publish(team, name="Other Walk")
    people = {name: person(name) for name in ("Ann", "Ben", "Cai", "Dan", "Eli")}
    regs = {name: sign_up_for(people[name], event_id).id for name in ("Ann", "Ben", "Cai",
                                                                        "Dan")}
    sign_up_for(people["Eli"], other_event)
    _status(regs["Ben"], RegistrationStatus.PENDING_PAYMENT)
    _status(regs["Cai"], RegistrationStatus.WAITLISTED)
    _status(regs["Dan"], RegistrationStatus.CANCELLED)
    return {"event_id": event_id, "people": people, "other_event": other_event}


def send(actor, event_id, *, message="Fire alarm: leave by the north exit.",
         audiences=("confirmed", "pending", "waitlisted"), key=KEY) -> int:
    with session_scope() as session:
        return broadcasts.send_broadcast(session, actor, event_id=event_id, message=message,
                                         audiences=list(audiences), request_key=key)


def _mail_to(db, template="emergency_broadcast") -> list[str]:
    return sorted(db.exec(select(OutboxEmail.to_email)
                          .where(OutboxEmail.template == template)).all())


def test_broadcast_reaches_each_chosen_registrant_once_by_email_and_inbox(team, crowd, db):
    broadcast_id = send(team["olga"], crowd["event_id"])
    assert _mail_to(db) == ["ann@example.org", "ben@example.org", "cai@example.org"]
    inbox = db.exec(select(Notification.user_id)
                    .where(Notification.template == "emergency_broadcast")).all()
    assert sorted(inbox) == sorted(crowd["people"][n].user_id for n in ("Ann", "Ben", "Cai"))
    assert db.exec(select(func.count()).select_from(BroadcastDelivery)).one() == 3
    broadcast = db.get(EmergencyBroadcast, broadcast_id)
    assert broadcast.recipients == 3
    incident = db.get(Incident, broadcast.incident_id)
    assert incident.status == "open" and incident.event_id == crowd["event_id"]
    assert db.exec(select(AuditEntry.action).where(
        AuditEntry.object_id == incident.id, AuditEntry.object_type == "incident")).all() \
        == ["broadcast.sent"]
    with session_scope() as session:
        detail = incidents.get_incident(session, team["rita"], incident_id=incident.id)
    assert [a.kind for a in detail.actions] == [IncidentActionKind.BROADCAST_SENT]
    assert detail.broadcast_recipients == 3 and detail.title.startswith("Fire alarm")


def test_only_the_chosen_groups_hear_and_each_email_in_its_language(team, crowd, db):
    from portal.services import accounts
    with session_scope() as session:
        accounts.set_locale(session, crowd["people"]["Ann"], locale="zh-Hans")
    send(team["olga"], crowd["event_id"], audiences=["confirmed"])
    mails = db.exec(select(OutboxEmail).where(OutboxEmail.template == "emergency_broadcast")
                    ).all()
    assert [(m.to_email, m.locale) for m in mails] == [("ann@example.org", "zh-Hans")]
    assert mails[0].subject.startswith("紧急通知") and "north exit" in mails[0].body_text


def test_a_replay_or_double_submit_sends_once(team, crowd, db):
    first = send(team["olga"], crowd["event_id"])
    again = send(team["olga"], crowd["event_id"])
    assert first == again
    assert len(_mail_to(db)) == 3
    assert db.exec(select(func.count()).select_from(EmergencyBroadcast)).one() == 1
    assert db.exec(select(func.count()).select_from(Incident)).one() == 1


def test_one_person_is_one_delivery_whatever_happens(team, crowd, db):
    from sqlalchemy.exc import IntegrityError
    broadcast_id = send(team["olga"], crowd["event_id"])
    ann = crowd["people"]["Ann"].user_id
    registration = db.exec(select(Registration.id).where(Registration.user_id == ann)).first()
    with pytest.raises(IntegrityError), session_scope() as session:
        session.add(BroadcastDelivery(broadcast_id=broadcast_id, user_id=ann,
                                      registration_id=registration))


@pytest.mark.parametrize("message,audiences,field", [
    ("   ", ["confirmed"], "message"), ("x" * 2001, ["confirmed"], "message"),
    ("Leave now", [], "audiences"), ("Leave now", ["everyone"], "audiences")])
def test_bad_broadcasts_are_refused_and_change_nothing(team, crowd, db, message, audiences,
                                                       field):
    with pytest.raises(Invalid) as refused:
        send(team["olga"], crowd["event_id"], message=message, audiences=audiences)
    assert refused.value.field == field
    assert db.exec(select(func.count()).select_from(EmergencyBroadcast)).one() == 0
    assert _mail_to(db) == []


def test_an_event_hears_at_most_six_broadcasts_an_hour(team, crowd, db):
    """A flood is refused for the event, whoever sends it; other events are not held up."""
    for number in range(6):
        send(team["olga"], crowd["event_id"], key=f"{KEY}-{number}")
    with pytest.raises(Conflict, match="Too many requests"):
        send(team["olga"], crowd["event_id"], key=f"{KEY}-late")
    assert db.exec(select(func.count()).select_from(EmergencyBroadcast)).one() == 6
    assert db.exec(select(func.count()).select_from(Incident)).one() == 6
    assert len(_mail_to(db)) == 6 * 3
    assert send(team["olga"], crowd["other_event"], key=f"{KEY}-other")
    # platform staff are counted apart: an organizer's flood never holds them back
    assert send(team["rita"], crowd["event_id"], key=f"{KEY}-staff")


def test_an_event_with_no_one_in_the_groups_is_refused(team, db):
    event_id = publish(team)
    with pytest.raises(Invalid):
        send(team["olga"], event_id)
    assert db.exec(select(func.count()).select_from(Incident)).one() == 0


def test_strangers_cannot_broadcast_or_withdraw(team, crowd, db):
    rival = person("Ron")
    attendee = crowd["people"]["Ann"]
    for who in (rival, attendee, Actor()):
        with pytest.raises(NotFound):
            send(who, crowd["event_id"], key=f"{who.user_id}-key-long-enough")
    assert _mail_to(db) == []
    broadcast_id = send(team["olga"], crowd["event_id"])
    for who in (rival, attendee, Actor()):
        with pytest.raises(NotFound), session_scope() as session:
            broadcasts.withdraw_broadcast(session, who, broadcast_id=broadcast_id)
    with session_scope() as session:
        assert session.get(EmergencyBroadcast, broadcast_id).withdrawn_at is None


def test_staff_may_broadcast_for_any_event(team, crowd, db):
    send(team["rita"], crowd["event_id"], audiences=["waitlisted"])
    assert _mail_to(db) == ["cai@example.org"]


def test_withdrawing_takes_the_banner_down_and_is_logged(team, crowd, db):
    broadcast_id = send(team["olga"], crowd["event_id"])
    with session_scope() as session:
        assert [b.id for b in broadcasts.live_banners(session, event_id=crowd["event_id"])] \
            == [broadcast_id]
        assert broadcasts.live_banners(session, event_id=crowd["other_event"]) == []
    with session_scope() as session:
        broadcasts.withdraw_broadcast(session, team["olga"], broadcast_id=broadcast_id)
    with session_scope() as session:
        assert broadcasts.live_banners(session, event_id=crowd["event_id"]) == []
    with pytest.raises(Conflict), session_scope() as session:
        broadcasts.withdraw_broadcast(session, team["olga"], broadcast_id=broadcast_id)
    assert "broadcast.withdrawn" in db.exec(select(AuditEntry.action)).all()


def _staff(name: str, role: Role | None):
    with session_scope() as session:
        create_user(session, name=name, email=f"{name}@example.org", password=STRONG,
                    roles=frozenset({role}) if role else frozenset(), verified=True,
                    phone="+86 138 0000 0003", date_of_birth=date(1990, 1, 1),
                    accepted_rules=True)
    return actor_for(sign_in(f"{name}@example.org"))


def test_staff_open_act_on_and_close_incidents(team, crowd, db):
    rita = team["rita"]
    with session_scope() as session:
        incident_id = incidents.open_incident(session, rita, title="Power cut",
                                              description="Hall B lost power.",
                                              event_id=str(crowd["event_id"]))
    with session_scope() as session:
        incidents.add_incident_action(session, rita, incident_id=incident_id,
                                      note="Generator started.")
    with session_scope() as session:
        incidents.close_incident(session, rita, incident_id=incident_id, note="Power back.")
    with session_scope() as session:
        detail = incidents.get_incident(session, rita, incident_id=incident_id)
    assert detail.status == "closed" and detail.closed_by == "Rita"
    assert [a.note for a in detail.actions] == ["Generator started."]
    with pytest.raises(Conflict), session_scope() as session:
        incidents.close_incident(session, rita, incident_id=incident_id)
    with pytest.raises(Conflict), session_scope() as session:
        incidents.add_incident_action(session, rita, incident_id=incident_id, note="Late")
    for who in (team["olga"], crowd["people"]["Ann"], Actor()):
        with pytest.raises(Forbidden), session_scope() as session:
            incidents.open_incident(session, who, title="x", description="y")
        with pytest.raises(Forbidden), session_scope() as session:
            incidents.close_incident(session, who, incident_id=incident_id)


def test_the_incident_log_filters_by_status_event_and_period(team, crowd):
    send(team["olga"], crowd["event_id"])
    rita = team["rita"]
    with session_scope() as session:
        incidents.open_incident(session, rita, title="Server attack",
                                description="DDoS on the portal.")
    with session_scope() as session:
        everything = incidents.list_incidents(session, rita, request=PageRequest())
        of_event = incidents.list_incidents(session, rita, request=PageRequest(
            filters={"event": str(crowd["event_id"])}))
        closed = incidents.list_incidents(session, rita, request=PageRequest(
            filters={"status": "closed"}))
        past = incidents.list_incidents(session, rita, request=PageRequest(
            filters={"to": "2020-01-01"}))
    assert everything.total == 2 and of_event.total == 1 and closed.total == 0
    assert past.total == 0
    with pytest.raises(Invalid), session_scope() as session:
        incidents.list_incidents(session, rita, request=PageRequest(
            filters={"status": "burning"}))


def test_plans_keep_every_version_and_only_admins_write(team, db):
    admin = _staff("ada", Role.ADMIN)
    for text in ("Leave by the nearest exit.", "Leave by the nearest exit; meet at the gate."):
        with session_scope() as session:
            emergency_plans.save_plan(session, admin, kind="fire", title="Fire", body=text,
                                      note="Reviewed")
    with session_scope() as session:
        detail = emergency_plans.get_plan(session, team["rita"], kind="fire")
        first = emergency_plans.get_plan(session, team["rita"], kind="fire", version=1)
        listed = emergency_plans.list_plans(session, team["rita"])
    assert detail.current.version == 2 and "meet at the gate" in detail.current.body_html
    assert [v.version for v in detail.history] == [2, 1] and detail.history[0].saved_by == "ada"
    assert first.current.body == "Leave by the nearest exit."
    assert {p.kind.value: p.version for p in listed} == {
        "fire": 2, "earthquake": 0, "network_attack": 0, "other": 0}
    assert not detail.can_edit
    for who in (team["rita"], team["olga"], Actor()):
        with pytest.raises(Forbidden), session_scope() as session:
            emergency_plans.save_plan(session, who, kind="fire", title="x", body="y")
    for who in (team["olga"], Actor()):
        with pytest.raises(Forbidden), session_scope() as session:
            emergency_plans.get_plan(session, who, kind="fire")
    with pytest.raises(DomainError), session_scope() as session:
        emergency_plans.save_plan(session, admin, kind="flood", title="x", body="y")
    with pytest.raises(Invalid), session_scope() as session:
        emergency_plans.save_plan(session, admin, kind="fire", title="Fire", body="  ")


def test_plan_markdown_is_rendered_safely(team):
    admin = _staff("ada", Role.ADMIN)
    with session_scope() as session:
        emergency_plans.save_plan(session, admin, kind="other", title="Other",
                                  body="# Steps\n<script>alert(1)</script>\n[x](javascript:1)")
    with session_scope() as session:
        html = emergency_plans.get_plan(session, admin, kind="other").current.body_html
    assert "<script>" not in html and "href" not in html and "<h3>Steps</h3>" in html
