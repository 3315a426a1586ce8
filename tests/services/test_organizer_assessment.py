"""The organizer assessment (rules §3.3.2) brings together what staff weigh: the ratings score
and the complaints received and upheld, next to the notices and sanctions."""

from __future__ import annotations

from portal.db import session_scope
from portal.services import complaints_outcome, organizer_assessment
from tests.services.complaint_helpers import accepted, call, file_online, staff
from tests.services.registration_helpers import person
from tests.services.test_ratings import _ended_with, _rate


def _assess(team):
    with session_scope() as session:
        return organizer_assessment.assess_organizer(session, team["rita"],
                                                     organizer_id=team["organizer_id"])


def test_a_new_organizer_has_no_score_and_no_complaints(team):
    view = _assess(team)
    assert (view.score.count, view.score.score) == (0, None)
    assert (view.complaints.received, view.complaints.upheld) == (0, 0)


def test_ratings_and_complaints_show_in_the_assessment(team):
    _event, [(eli, eli_reg), (fay, fay_reg)] = _ended_with(team, "Eli", "Fay")
    _rate(eli, eli_reg.id, stars=5)
    _rate(fay, fay_reg.id, stars=1)
    cora = staff()
    _ann, _reg, upheld_id = accepted(team, staff_actor=cora)
    call(complaints_outcome.handle_complaint, cora, complaint_id=upheld_id,
         findings="The steward was rude.", outcome="upheld")
    file_online(person("Cai"), about="organizer", organizer_id=team["organizer_id"])
    file_online(person("Dan"))  # about the platform: not the organizer's

    view = _assess(team)
    assert (view.score.count, view.score.mean) == (2, 3.0)
    assert view.score.score is not None and round(view.score.score, 2) == 3.0
    # the upheld one is still open until the complainant has the result
    assert (view.complaints.received, view.complaints.upheld, view.complaints.open) == (2, 1, 2)
