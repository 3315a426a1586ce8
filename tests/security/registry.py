"""The reviewed list of every public event handler, and who may call it.

A handler that is not listed here fails the security suite: whoever adds one must decide its
class and add the calls the suite makes to prove the service refuses everyone else.

Classes:
  public        anyone, signed in or not; changes nothing but the visitor's own view
  signed-in     any active account
  role:<role>   an active account holding that role (admin covers every staff area)
  object        scoped to objects the actor owns or belongs to
"""

from __future__ import annotations

# "<module>.<State>.<handler>": (class, sample arguments a client could send)
HANDLERS: dict[str, tuple[str, tuple]] = {
    "portal.ui.session.SessionState.set_locale": ("public", ("zh-Hans",)),
    "portal.ui.session.SessionState.setvar": ("public", ("locale", "zh-Hans")),
    "portal.ui.staff.users.UsersPageState.setvar": ("public", ("locale", "en")),
    "portal.ui.staff.users.UsersPageState.load_table": ("role:admin", ()),
    "portal.ui.staff.users.UsersPageState.sort_by": ("role:admin", ("email",)),
    "portal.ui.staff.users.UsersPageState.search_for": ("role:admin", ("demo",)),
    "portal.ui.staff.users.UsersPageState.filter_by": ("role:admin", ("role", "admin")),
    "portal.ui.staff.users.UsersPageState.go_to_page": ("role:admin", (1,)),
    "portal.ui.staff.users.UsersPageState.set_rows_per_page": ("role:admin", ("10",)),
}
