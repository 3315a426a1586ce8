from portal.domain.enums import USER_TRANSITIONS, Role, UserStatus, can_transition
from portal.domain.policies import (
    Actor,
    can_act_in_area,
    can_manage_users,
    can_register,
    can_use_staff_portal,
    is_member_of,
)


def test_anonymous_visitors_may_do_nothing_protected():
    nobody = Actor.anonymous()
    assert not nobody.is_authenticated
    assert not can_manage_users(nobody) and not can_use_staff_portal(nobody)
    assert not can_register(nobody)


def test_staff_areas_are_separate_and_admin_covers_all():
    reviewer = Actor(user_id=1, roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
    assert can_use_staff_portal(reviewer)
    assert can_act_in_area(reviewer, Role.STAFF_REVIEWS)
    assert not can_act_in_area(reviewer, Role.STAFF_FINANCE)
    assert not can_manage_users(reviewer)
    admin = Actor(user_id=2, roles=frozenset({Role.ADMIN}), verified=True)
    assert can_act_in_area(admin, Role.STAFF_FINANCE) and can_manage_users(admin)


def test_suspension_removes_every_right():
    admin = Actor(user_id=2, roles=frozenset({Role.ADMIN}), status=UserStatus.SUSPENDED,
                  verified=True, organizer_ids=frozenset({7}))
    assert not can_manage_users(admin) and not can_use_staff_portal(admin)
    assert not is_member_of(admin, 7) and not can_register(admin)


def test_registering_needs_a_verified_email_a_complete_profile_and_the_rules():
    assert can_register(Actor(user_id=3, verified=True, accepted_rules=True))
    assert not can_register(Actor(user_id=3, verified=False, accepted_rules=True))
    assert not can_register(Actor(user_id=3, verified=True, accepted_rules=True,
                                  profile_complete=False))
    assert not can_register(Actor(user_id=3, verified=True, accepted_rules=False))  # §2.2.3


def test_organizer_scope_is_per_organizer():
    member = Actor(user_id=4, verified=True, organizer_ids=frozenset({7}))
    assert is_member_of(member, 7) and not is_member_of(member, 8)


def test_closed_accounts_stay_closed():
    assert can_transition(USER_TRANSITIONS, UserStatus.ACTIVE, UserStatus.SUSPENDED)
    assert not can_transition(USER_TRANSITIONS, UserStatus.CLOSED, UserStatus.ACTIVE)
