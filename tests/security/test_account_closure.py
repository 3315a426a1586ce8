"""The right caller of the profile's account closure: the signed-in person, with their own
password, closes their own account and nobody else's; the cookie is worthless afterwards."""

from __future__ import annotations

from portal.db import session_scope
from portal.domain.models import User
from portal.services.sessions import resolve_actor
from portal.services.users import create_user
from tests.security import targets as t
from tests.security.harness import cls_of, cookie_for, invoke, state_for
from tests.security.privacy_specs import OWN_CLOSURE
from tests.security.registry import OTHER_USER

PASSWORD = "a long passphrase to close with"


def test_the_person_closes_their_own_account_with_their_password(demo_engine):
    with session_scope() as session:
        user_id = create_user(session, name="Closing Carla", email="carla@example.org",
                              password=PASSWORD, verified=True).id
    cookie = cookie_for("carla@example.org", PASSWORD)
    other_before = t.row(User, OTHER_USER).model_dump()
    state = state_for(cls_of(OWN_CLOSURE), cookie)
    invoke(state, "close_account", {"close_password": PASSWORD, "user_id": OTHER_USER})
    closed = t.row(User, user_id)
    assert closed.status == "closed" and closed.name != "Closing Carla"
    assert t.row(User, OTHER_USER).model_dump() == other_before
    with session_scope() as session:
        assert not resolve_actor(session, cookie, touch=False).is_authenticated

