"""Users: creation rules and the administrators' list (search, filters, sorting, pages)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from portal.domain.enums import Role, UserStatus
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import User, UserRole
from portal.domain.policies import Actor
from portal.services.paging import PageRequest
from portal.services.passwords import verify_password
from portal.services.users import create_user, list_users

ADMIN = Actor(user_id=1, roles=frozenset({Role.ADMIN}), verified=True)


def _user(db, name: str, email: str, roles=frozenset()) -> User:
    user = create_user(db, name=name, email=email, password="correct horse", roles=roles)
    db.commit()
    return user


def test_create_user_stores_lowercase_email_and_argon2_hash(db):
    user = _user(db, "Li Lei", "Li.Lei@Example.ORG")
    assert user.email == "li.lei@example.org"
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, "correct horse")
    assert not verify_password(user.password_hash, "wrong horse")
    assert user.created_at.tzinfo is not None


def test_duplicate_email_in_any_case_is_refused_and_writes_nothing(db):
    _user(db, "Li Lei", "li@example.org")
    with pytest.raises(Conflict) as refused:
        create_user(db, name="Other", email="LI@EXAMPLE.ORG", password="correct horse")
    assert refused.value.field == "email"
    db.rollback()
    assert len(db.exec(select(User)).all()) == 1


@pytest.mark.parametrize(
    ("name", "email", "password", "field"),
    [
        ("", "a@example.org", "correct horse", "name"),
        ("x" * 121, "a@example.org", "correct horse", "name"),
        ("Ann", "not-an-email", "correct horse", "email"),
        ("Ann", "a@b", "correct horse", "email"),
        ("Ann", ("x" * 250) + "@example.org", "correct horse", "email"),
        ("Ann", "a@example.org", "short", "password"),
        ("Ann", "a@example.org", "x" * 129, "password"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(db, name, email, password, field):
    with pytest.raises(Invalid) as refused:
        create_user(db, name=name, email=email, password=password)
    assert refused.value.field == field
    db.rollback()
    assert db.exec(select(User)).all() == []


def test_database_refuses_mixed_case_email_even_past_the_service(db):
    with pytest.raises(IntegrityError):
        db.execute(
            text(
                "INSERT INTO user_account (name, email, status, locale, created_at, updated_at) "
                "VALUES ('X', 'Mixed@Example.org', 'active', 'en', :now, :now)"
            ),
            {"now": "2026-01-01 00:00:00"},
        )
        db.flush()
    db.rollback()


def test_role_granted_twice_is_refused_by_the_database(db):
    user = _user(db, "Ann", "ann@example.org", frozenset({Role.ADMIN}))
    db.add(UserRole(user_id=user.id, role=Role.ADMIN.value))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


@pytest.mark.parametrize(
    "actor",
    [
        Actor.anonymous(),
        Actor(user_id=5, verified=True),
        Actor(user_id=5, roles=frozenset({Role.STAFF_REVIEWS}), verified=True),
        Actor(user_id=5, roles=frozenset({Role.ADMIN}), status=UserStatus.SUSPENDED),
    ],
)
def test_only_active_admins_may_list_users(db, actor):
    with pytest.raises(Forbidden):
        list_users(db, actor, request=PageRequest())


def test_list_users_searches_filters_sorts_and_pages_in_sql(db):
    for number in range(30):
        roles = frozenset({Role.STAFF_FINANCE}) if number % 3 == 0 else frozenset()
        _user(db, f"Person {number:02d}", f"person{number:02d}@example.org", roles)
    _user(db, "Zhang Wei", "zhang@example.org", frozenset({Role.ADMIN}))

    first = list_users(db, ADMIN, request=PageRequest(page_size=10, sort="name"))
    assert first.total == 31 and first.pages == 4
    assert [u.name for u in first.items][:2] == ["Person 00", "Person 01"]

    last = list_users(db, ADMIN, request=PageRequest(page=4, page_size=10, sort="name"))
    assert [u.name for u in last.items] == ["Zhang Wei"]
    assert last.items[0].roles == [Role.ADMIN]

    newest = list_users(db, ADMIN, request=PageRequest(sort="name", descending=True))
    assert newest.items[0].name == "Zhang Wei"

    found = list_users(db, ADMIN, request=PageRequest(search="ZHANG"))
    assert [u.email for u in found.items] == ["zhang@example.org"]

    finance = list_users(db, ADMIN, request=PageRequest(filters={"role": "staff_finance"}))
    assert finance.total == 10
    assert all(Role.STAFF_FINANCE in u.roles for u in finance.items)

    active = list_users(db, ADMIN, request=PageRequest(filters={"status": "active"}))
    assert active.total == 31


def test_search_treats_like_wildcards_as_text(db):
    _user(db, "100% Events", "percent@example.org")
    _user(db, "Plain", "plain@example.org")
    assert list_users(db, ADMIN, request=PageRequest(search="%")).total == 1
    assert list_users(db, ADMIN, request=PageRequest(search="_")).total == 0


@pytest.mark.parametrize(
    "raw",
    [
        {"sort": "password_hash"},
        {"filters": {"password_hash": "x"}},
        {"filters": {"role": "emperor"}},
        {"filters": {"status": "deleted"}},
    ],
)
def test_tables_refuse_unknown_sorts_and_filters(db, raw):
    with pytest.raises(Invalid):
        list_users(db, ADMIN, request=PageRequest(**raw))


@pytest.mark.parametrize(
    "raw",
    [{"page": 0}, {"page": "x"}, {"page_size": 7}, {"page_size": 10_000}, {"search": "x" * 201}],
)
def test_page_requests_from_clients_are_validated(raw):
    with pytest.raises(Invalid):
        PageRequest.parse(**raw)


def test_a_sign_up_racing_another_for_the_same_email_gets_a_clear_refusal(db, monkeypatch):
    import portal.services.users as users

    _user(db, "First", "race@example.org")
    monkeypatch.setattr(users, "email_taken", lambda session, email: False)  # lost the race
    with pytest.raises(Conflict) as refused:
        create_user(db, name="Second", email="race@example.org", password="correct horse")
    assert refused.value.field == "email"
    db.commit()
    assert len(db.exec(select(User)).all()) == 1
