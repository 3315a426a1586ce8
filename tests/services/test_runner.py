"""The use-case runner: one transaction per call with the actor resolved inside it, reads that
cannot write, refusals that change nothing, lock conflicts retried, type errors named."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError, OperationalError

from portal.domain.errors import Forbidden, Invalid
from portal.domain.models import AuditEntry, User, UserSession
from portal.services import runner
from portal.services.commands import parse_command
from portal.services.runner import public, run_use_case
from portal.services.users import create_user
from tests.services.helpers import STRONG, sign_in


@pytest.fixture
def cookie(engine):
    from portal.db import session_scope

    with session_scope() as session:
        create_user(session, name="Rosa", email="rosa@example.org", password=STRONG,
                    verified=True, phone="+86 138 0000 0001", date_of_birth=date(1990, 1, 1))
    return sign_in("rosa@example.org")


def rename(session, actor, *, name: str) -> str:
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    session.get(User, actor.user_id).name = name
    session.flush()
    return name


def rename_then_refuse(session, actor, *, name: str) -> None:
    rename(session, actor, name=name)
    raise Invalid("No.", field="name")


def names(db) -> list[str]:
    db.rollback()
    return [row[0] for row in db.exec(select(User.name)).all()]


def test_the_actor_comes_from_the_cookie_in_the_same_call(engine, db, cookie):
    outcome = run_use_case(rename, session_token=cookie, write=True, name="Rosa Li")
    assert outcome.error is None and outcome.value == "Rosa Li"
    assert outcome.actor.is_authenticated and names(db) == ["Rosa Li"]
    anonymous = run_use_case(rename, session_token="forged", write=True, name="Mallory")
    assert isinstance(anonymous.error, Forbidden) and not anonymous.actor.is_authenticated
    assert names(db) == ["Rosa Li"]


def test_a_read_cannot_write(engine, db, cookie):
    with pytest.raises(DBAPIError):  # SQLite: attempt to write a readonly database; PostgreSQL:
        # cannot execute UPDATE in a read-only transaction
        run_use_case(rename, session_token=cookie, write=False, name="Sneaky")
    assert names(db) == ["Rosa"]
    # the connection went back to the pool writable: the next write works
    assert run_use_case(rename, session_token=cookie, write=True, name="Rosa").error is None


def test_a_refusal_rolls_back_what_the_use_case_did(engine, db, cookie):
    outcome = run_use_case(rename_then_refuse, session_token=cookie, write=True, name="Half")
    assert isinstance(outcome.error, Invalid) and outcome.error.field == "name"
    assert names(db) == ["Rosa"]
    with pytest.raises(Invalid):
        outcome.unwrap()


def test_a_signed_in_persons_forbidden_attempt_is_audited(engine, db, cookie):
    def staff_only(session, actor, *, user_id: int) -> None:
        raise Forbidden("Staff only.")

    run_use_case(staff_only, session_token=cookie, client_ip="10.9.9.9", write=True,
                 user_id=42)
    denied = db.exec(select(AuditEntry).where(AuditEntry.action == "access.denied")).first()[0]
    assert (denied.object_id, denied.note, denied.ip) == (42, "staff_only", "10.9.9.9")
    run_use_case(staff_only, session_token="", write=True, user_id=43)  # anonymous: no trace
    assert db.exec(select(AuditEntry).where(AuditEntry.object_id == 43)).first() is None


def test_a_lock_conflict_runs_the_use_case_again(engine, db, cookie, monkeypatch):
    monkeypatch.setattr(runner.time, "sleep", lambda _seconds: None)
    attempts = []

    def busy_once(session, actor, *, name: str) -> str:
        attempts.append(name)
        if len(attempts) == 1:
            rename(session, actor, name="Lost")
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        return rename(session, actor, name=name)

    assert run_use_case(busy_once, session_token=cookie, write=True, name="Kept").value == "Kept"
    assert len(attempts) == 2 and names(db) == ["Kept"]

    def always_busy(session, actor) -> None:
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    with pytest.raises(OperationalError):
        run_use_case(always_busy, session_token=cookie, write=True)


def test_other_database_errors_are_not_retried(engine, cookie):
    calls = []

    def broken(session, actor) -> None:
        calls.append(1)
        raise OperationalError("SELECT", {}, Exception("no such table: nowhere"))

    with pytest.raises(OperationalError):
        run_use_case(broken, session_token=cookie, write=True)
    assert calls == [1]


def test_a_read_touches_an_idle_session_in_a_write_of_its_own(engine, db, cookie):
    from portal.domain.clock import utcnow

    long_ago = utcnow() - timedelta(minutes=30)
    db.execute(update(UserSession).values(last_seen_at=long_ago))
    db.commit()
    outcome = run_use_case(public(lambda session: "hello"), session_token=cookie, write=False)
    assert outcome.value == "hello" and outcome.actor.touch_due
    db.rollback()
    seen = db.exec(select(UserSession.last_seen_at)).first()[0]
    assert seen > long_ago + timedelta(minutes=20)


class Capacity(BaseModel):
    capacity: int
    starts_on: date


@pytest.mark.parametrize(("form", "field", "message"), [
    ({"capacity": "many", "starts_on": "2030-01-01"}, "capacity", "Enter a whole number."),
    ({"capacity": "10", "starts_on": "soon"}, "starts_on", "Enter a date."),
    ({"starts_on": "2030-01-01"}, "capacity", "This field is required."),
    ({"capacity": ["10"], "starts_on": "2030-01-01"}, "capacity", "This field is required."),
    ("not a form", "capacity", "This field is required."),
])
def test_commands_name_the_field_a_bad_value_came_in(form, field, message):
    with pytest.raises(Invalid) as refused:
        parse_command(Capacity, form)
    assert refused.value.field == field and refused.value.message == message
    assert refused.value.localized("zh-Hans") != message  # translated


def test_commands_take_typed_values_and_ignore_extra_keys():
    command = parse_command(Capacity, {"capacity": " 12 ", "starts_on": "2030-01-01",
                                       "is_admin": "yes"})
    assert command == Capacity(capacity=12, starts_on=date(2030, 1, 1))


def test_a_validation_error_inside_a_service_names_its_field(engine, cookie):
    def strict(session, actor) -> None:
        Capacity(capacity="x", starts_on="2030-01-01")  # type: ignore[arg-type]

    outcome = run_use_case(strict, session_token=cookie, write=False)
    assert isinstance(outcome.error, Invalid) and outcome.error.field == "capacity"


def test_a_value_the_database_cannot_hold_is_refused_not_a_crash(engine, db, cookie):
    outcome = run_use_case(rename, session_token=cookie, write=True, name="Nul\x00Byte")
    if engine.dialect.name == "postgresql":
        assert isinstance(outcome.error, Invalid) and names(db) == ["Rosa"]
    else:  # SQLite stores it as given
        assert outcome.error is None


def test_forms_drop_nul_characters():
    from portal.services.commands import form_values

    assert form_values({"name": "Nul\x00Byte"}, ["name"]) == {"name": "NulByte"}
