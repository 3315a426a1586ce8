"""What an organizer does next with each of their events, in words: what a draft still lacks,
when staff answer, that a change request is waiting."""

from __future__ import annotations

from portal.domain.clock import utcnow
from portal.domain.enums import ChangeRequestKind, EventStatus
from portal.domain.timefmt import format_date
from portal.i18n import N_, gettext
from portal.services.event_views import MyEvent

DRAFT_MISSING = N_("Finish the draft: {n} to do before you can submit")
DRAFT_READY = N_("Ready: review and submit it")
FIX = N_("Fix what the reviewer asked, then resubmit")
REVIEW_BY = N_("Staff answer by {date}")
IN_REVIEW = N_("Waiting for staff review")
CHANGE_WAITING = N_("Your change request is waiting for staff")
CANCEL_WAITING = N_("Your cancellation request is waiting for staff")
FINISHED = N_("Finished")
RUNNING = N_("Registrations open; check people in on the day")
CANCELLED = N_("Cancelled")


def next_step(event: MyEvent, locale: str) -> str:
    status = event.status
    if status is EventStatus.DRAFT:
        return (gettext(DRAFT_MISSING, locale).format(n=event.missing) if event.missing
                else gettext(DRAFT_READY, locale))
    if status is EventStatus.REJECTED:
        return gettext(FIX, locale)
    if status is EventStatus.SUBMITTED:
        return (gettext(REVIEW_BY, locale).format(date=format_date(event.review_due_at, locale))
                if event.review_due_at else gettext(IN_REVIEW, locale))
    if event.pending_change:
        waiting = (CANCEL_WAITING if event.pending_change == ChangeRequestKind.CANCEL.value
                   else CHANGE_WAITING)
        return gettext(waiting, locale)
    if status is EventStatus.CANCELLED:
        return gettext(CANCELLED, locale)
    return gettext(FINISHED if event.ends_at <= utcnow() else RUNNING, locale)
