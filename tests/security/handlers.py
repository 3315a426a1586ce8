"""Where the handler registry is kept: each registry module adds its pages' handlers here."""

from __future__ import annotations

OTHER_USER = 3  # the demo organizer: someone the caller does not own

# "<module>.<State>.<handler>": (class, arguments a client could send)
HANDLERS: dict[str, tuple[str, tuple]] = {}


def add(state: str, kind: str, **handlers: tuple) -> None:
    for name, args in handlers.items():
        HANDLERS[f"portal.ui.{state}.{name}"] = (kind, args)


TABLE_EVENTS = {"load_table": (), "sort_by": ("email",), "search_for": ("demo",),
                "filter_by": ("action", "sign_in.succeeded"), "go_to_page": (1,),
                "set_rows_per_page": ("10",)}
