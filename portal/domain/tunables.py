"""The platform rules an administrator may change on the settings screen without code or a
restart: which settings they are, what they are called and how they are grouped. The values,
their types and ranges come from `portal.settings.Settings` (the environment gives defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import N_

DEADLINES = N_("Deadlines (working days)")
CALENDAR = N_("Calendar")
COMPLAINTS = N_("Complaint time limits")
PERSONAL_DATA = N_("Personal data")
BACKUPS = N_("Backups")
HOLDS = N_("Seats and payments")
BANK = N_("Bank account for transfers")
CHANNELS = N_("Complaint channels")
CONTACT = N_("Contact details")
EMAIL_HINT = N_("Enter an email address such as help@example.org.")
PHONE_HINT = N_("Enter a phone number: digits, spaces, + - ( ), such as +86 21 5555 0100.")
TEXT_HINT = N_("Enter this value (at most {n} characters).")


@dataclass(frozen=True)
class Tunable:
    key: str  # a field of Settings
    label: str  # msgid
    group: str  # msgid
    hint: str = ""  # msgid
    invalid: str = ""  # msgid: what to write instead, when the value is refused
    may_be_empty: bool = False


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
    # Personal data (privacy): keep these together.
    Tunable("email_retention_days", N_("Keeping sent email bodies"), PERSONAL_DATA,
            N_("Days after which the text of a sent email is deleted from the mail log; the "
               "recipient, subject and dates stay. Unsent emails are kept until they are "
               "sent.")),
) + (
    # Backups (rules §2.1, §4.2.2): taken by the app and `portal worker`.
    Tunable("backup_interval_hours", N_("Back up every (hours)"), BACKUPS,
            N_("A backup of the database and the private files is taken when the last one is "
               "this many hours old.")),
    Tunable("backup_keep", N_("Backups to keep"), BACKUPS,
            N_("The newest this many archives in the backup folder are kept; older ones are "
               "deleted.")),
    Tunable("extra_closed_days", N_("Extra closed days"), CALENDAR,
            N_("Dates the platform is closed besides weekends and public holidays, written "
               "YYYY-MM-DD and separated by commas; deadlines skip them."),
            N_("Write each date as YYYY-MM-DD (at most 60), separated by commas, such as "
               "2026-12-24, 2026-12-31."), may_be_empty=True),
    Tunable("seat_hold_minutes", N_("Seat held for payment (minutes)"), HOLDS,
            N_("How long a registration keeps its seat while the person pays online.")),
    Tunable("waitlist_offer_hours", N_("Waiting-list offer (hours)"), HOLDS,
            N_("How long a freed seat offered to the waiting list waits to be claimed.")),
    Tunable("bank_transfer_hold_days", N_("Bank transfer hold (days)"), HOLDS,
            N_("How long a seat waits for a bank transfer to arrive.")),
    Tunable("cash_hold_days", N_("Cash hold (days)"), HOLDS,
            N_("How long a seat waits for payment in cash.")),
    Tunable("bank_account_name", N_("Account name"), BANK,
            N_("Shown to people who pay by bank transfer."), TEXT_HINT),
    Tunable("bank_name", N_("Bank"), BANK, N_("The bank and branch."), TEXT_HINT),
    Tunable("bank_account_number", N_("Account number"), BANK,
            N_("The number people transfer to."), TEXT_HINT),
    Tunable("complaint_email", N_("Complaint email"), CHANNELS,
            N_("Shown on the complaints page and in complaint emails."), EMAIL_HINT),
    Tunable("complaint_phone", N_("Complaint phone line"), CHANNELS,
            N_("Shown on the complaints page."), PHONE_HINT),
    Tunable("contact_email", N_("Contact email"), CONTACT,
            N_("Shown in the footer of every public page."), EMAIL_HINT),
    Tunable("contact_phone", N_("Contact phone"), CONTACT,
            N_("Shown in the footer of every public page."), PHONE_HINT),
    Tunable("contact_address", N_("Postal address"), CONTACT,
            N_("Shown in the footer of every public page."), TEXT_HINT),
)
BY_KEY = {tunable.key: tunable for tunable in TUNABLES}
