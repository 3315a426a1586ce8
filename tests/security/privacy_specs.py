"""Specs for personal data: the download is the caller's own data only; closing an account
from the profile needs that account's password; an administrator closes someone's account on
their request (nobody else can)."""

from __future__ import annotations

from portal.domain.enums import UserStatus
from portal.domain.models import User
from portal.services import personal_data
from tests.security import targets as t
from tests.security.cases import Spec, Target

UI = "portal.ui."
OWN_CLOSURE = UI + "attendee.profile_privacy.AccountClosureState.close_account"
STAFF_CLOSURE = UI + "staff.user_closure.UserClosureState.close_account"
NOT_ADMIN = ("anonymous", "suspended", "attendee", "member", "other_member", "other_area",
             "reviews")
WRONG_PASSWORD = ({"close_password": "not the password of this account"},)


def _staff_closure(world) -> Target:
    user_id = t.fresh_user()
    return Target(query=f"id={user_id}", args=({"close_note": "Asked by letter"},),
                  done=lambda: t.row(User, user_id).status == UserStatus.CLOSED.value)


def _own_closure(world) -> Target:
    # signed in with the wrong password: the caller's own account stays open; the signed-out
    # caller has no account to close. The right caller's control is in test_account_closure.
    return Target(args=WRONG_PASSWORD)


PRIVACY_SPECS = [
    Spec(STAFF_CLOSURE, _staff_closure, "admin", NOT_ADMIN),
    Spec(OWN_CLOSURE, _own_closure, None, ("anonymous", "suspended", "attendee", "member",
                                            "admin")),
    Spec("service:personal_data.export_personal_data", lambda world: Target(), "attendee",
         ("anonymous", "suspended"), service=personal_data.export_personal_data),
]
