"""The platform rules an administrator may change on the settings screen without code or a
restart: which settings they are, what they are called and how they are grouped. The values,
their types and ranges come from `portal.settings.Settings` (the environment gives defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import N_

DEADLINES = N_("Deadlines (working days)")
CALENDAR = N_("Calendar")


@dataclass(frozen=True)
class Tunable:
    key: str  # a field of Settings
    label: str  # msgid
    group: str  # msgid
    hint: str = ""  # msgid
    invalid: str = ""  # msgid: what to write instead, when the value is refused


TUNABLES: tuple[Tunable, ...] = (
    Tunable("review_working_days", N_("Event and organizer review"), DEADLINES,
            N_("Staff decide on a submitted event, change request or organizer application "
               "within this many working days.")),
    Tunable("registration_review_working_days", N_("Registration review"), DEADLINES,
            N_("An organizer decides on a registration that needs approval within this many "
               "working days.")),
    Tunable("holiday_country", N_("Public holidays of"), CALENDAR,
            N_("Country code (ISO 3166, e.g. CN) whose public holidays are not working days."),
            N_("Enter a country code the holiday calendar knows, such as CN or DE.")),
)
BY_KEY = {tunable.key: tunable for tunable in TUNABLES}
