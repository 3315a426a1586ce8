"""Administrators manage roles and suspension; the audit log is append-only and readable by
staff only; emails are rendered in the recipient's language and dispatched once."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from portal.db import session_scope
from portal.domain.enums import Role, UserStatus
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import AuditEntry, OutboxEmail
from portal.services import admin_users, audit
from portal.services.paging import PageRequest
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in, sign_up


@pytest.fixture
def people(engine):
    with session_scope() as session:
        create_user(session, name="Ada", email="admin@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True)
        create_user(session, name="Sam", email="staff@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
    member = sign_up(email="member@example.org")
    return {
        "admin": actor_for(sign_in("admin@example.org")),
        "staff": actor_for(sign_in("staff@example.org")),
        "member_cookie": sign_in("member@example.org"),
        "member_id": member,
    }


def call(service, actor, **kwargs):
    with session_scope() as session:
        return service(session, actor, **kwargs)


def test_admin_grants_and_revokes_staff_areas(people):
    detail = call(admin_users.set_role, people["admin"], user_id=people["member_id"],
                  role="staff_finance", granted=True)
    assert detail.roles == [Role.STAFF_FINANCE]
    assert actor_for(people["member_cookie"]).is_staff
    call(admin_users.set_role, people["admin"], user_id=people["member_id"],
         role="staff_finance", granted=False)
    assert not actor_for(people["member_cookie"]).is_staff


@pytest.mark.parametrize("who", ["staff", "member"])
def test_only_admins_manage_users(people, who):
    actor = people["staff"] if who == "staff" else actor_for(people["member_cookie"])
    for service, kwargs in [
        (admin_users.set_role, {"role": "admin", "granted": True}),
        (admin_users.suspend_user, {"reason": "spam"}),
        (admin_users.reinstate_user, {"reason": "ok"}),
        (admin_users.get_user, {}),
    ]:
        with pytest.raises(Forbidden):
            call(service, actor, user_id=people["member_id"], **kwargs)
    assert not actor_for(people["member_cookie"]).is_admin


def test_suspension_signs_out_at_once_emails_and_is_audited(people, db):
    with pytest.raises(Invalid):
        call(admin_users.suspend_user, people["admin"], user_id=people["member_id"], reason=" ")
    call(admin_users.suspend_user, people["admin"], user_id=people["member_id"],
         reason="Posted false event information")
    assert not actor_for(people["member_cookie"]).is_authenticated
    with pytest.raises(Forbidden), session_scope() as session:  # cannot sign in while suspended
        from portal.services import accounts

        accounts.sign_in(session, email="member@example.org", password=STRONG)
    mail = db.exec(select(OutboxEmail).where(OutboxEmail.template == "account_suspended")).one()
    assert "Posted false event information" in mail[0].body_text
    history = call(audit.object_history, people["admin"], object_type="user",
                   object_id=people["member_id"], sign_ins=True)
    assert [h.action for h in history][:2] == ["sign_in.failed", "user.suspended"]
    quiet = call(audit.object_history, people["admin"], object_type="user",
                 object_id=people["member_id"])  # sign-ins are noise unless asked for
    assert quiet[0].action == "user.suspended"
    assert all(not h.action.startswith(("sign_in.", "session.")) for h in quiet)
    assert history[1].note == "Posted false event information"
    assert history[1].before == {"status": "active"} and history[1].actor == "admin@example.org"
    with pytest.raises(Conflict):
        call(admin_users.suspend_user, people["admin"], user_id=people["member_id"], reason="x")
    detail = call(admin_users.reinstate_user, people["admin"], user_id=people["member_id"],
                  reason="Appeal accepted")
    assert detail.status is UserStatus.ACTIVE


def test_admins_cannot_lock_themselves_out(people):
    admin = people["admin"]
    with pytest.raises(Conflict):
        call(admin_users.suspend_user, admin, user_id=admin.user_id, reason="oops")
    with pytest.raises(Conflict):
        call(admin_users.set_role, admin, user_id=admin.user_id, role="admin", granted=False)


@pytest.mark.parametrize(("user_id", "role", "error"),
                         [(9999, "admin", NotFound), (None, "emperor", Invalid)])
def test_bad_targets_are_refused(people, user_id, role, error):
    with pytest.raises(error):
        call(admin_users.set_role, people["admin"], user_id=user_id or people["member_id"],
             role=role, granted=True)


def test_audit_log_is_staff_only_and_filterable(people):
    page = call(audit.list_audit, people["staff"],
                request=PageRequest(filters={"action": "sign_in.succeeded"}))
    assert page.total == 3
    with pytest.raises(Forbidden):
        call(audit.list_audit, actor_for(people["member_cookie"]), request=PageRequest())
    with pytest.raises(Invalid):
        call(audit.list_audit, people["staff"], request=PageRequest(filters={"object": "u:x"}))


def test_audit_log_is_append_only_in_the_database(people, db):
    for statement in ("UPDATE audit_entry SET action = 'forged'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError):
            db.execute(text(statement))
            db.flush()
        db.rollback()
    assert db.exec(select(AuditEntry)).first() is not None
