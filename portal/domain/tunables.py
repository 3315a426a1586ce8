"""The platform rules an administrator may change on the settings screen without code or a
restart: which settings they are, what they are called and how they are grouped. The values,
their types and ranges come from `portal.settings.Settings` (the environment gives defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import N_

DEADLINES = N_("Deadlines (working days)")
CALENDAR = N_("Calendar")
COMPLAINTS = N_("Complaint time limits")


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
    Tunable("settlement_working_days", N_("Settlement with organizers"), DEADLINES,
            N_("An ended event's settlement statement is due within this many working days "
               "of its end.")),
    Tunable("complaint_accept_working_days", N_("Accepting a complaint"), COMPLAINTS,
            N_("Working days from receipt until staff accept it and record the complainant.")),
    Tunable("complaint_investigate_working_days", N_("Starting the investigation"), COMPLAINTS,
            N_("Working days from acceptance until the investigation starts.")),
    Tunable("complaint_handle_working_days", N_("Deciding a complaint"), COMPLAINTS,
            N_("Working days from the start of the investigation until the findings and "
               "outcome are recorded.")),
    Tunable("complaint_feedback_working_days", N_("Telling the complainant"), COMPLAINTS,
            N_("Working days from the decision until the result is sent.")),
    Tunable("complaint_organizer_response_working_days", N_("Organizer's response"), COMPLAINTS,
            N_("Working days an organizer has to answer a request about a complaint.")),
    Tunable("complaint_reopen_days", N_("Asking to reopen"), COMPLAINTS,
            N_("Calendar days after the result during which the complainant may ask once for "
               "the complaint to be looked at again.")),
    Tunable("holiday_country", N_("Public holidays of"), CALENDAR,
            N_("Country code (ISO 3166, e.g. CN) whose public holidays are not working days."),
            N_("Enter a country code the holiday calendar knows, such as CN or DE.")),
)
BY_KEY = {tunable.key: tunable for tunable in TUNABLES}
