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


def _upheld_with_supervision(team, cora) -> int:
    from portal.services.complaints_outcome import RemedyInput

    _ann, _reg, complaint_id = accepted(team, staff_actor=cora)
    call(complaints_outcome.handle_complaint, cora, complaint_id=complaint_id,
         findings="Fees were raised without approval.", outcome="upheld",
         remedies=[RemedyInput(kind="rectification_notice", note="Publish the agreed fees."),
                   RemedyInput(kind="sanction", note="A warning.")])
    return complaint_id


def _remedies(complaint_id: int) -> dict[str, int | None]:
    from sqlmodel import select

    from portal.domain.models import ComplaintRemedy

    with session_scope() as session:
        return {r.kind: r.linked_id for r in session.exec(select(ComplaintRemedy).where(
            ComplaintRemedy.complaint_id == complaint_id))}


def test_a_notice_and_a_sanction_opened_for_a_complaint_are_linked_to_its_remedies(team):
    from datetime import date, timedelta

    from portal.services import rectification_notices, sanctions

    cora = staff()
    complaint_id = _upheld_with_supervision(team, cora)
    assert _remedies(complaint_id) == {"rectification_notice": None, "sanction": None}
    with session_scope() as session:
        notice_id = rectification_notices.open_notice(
            session, cora, organizer_id=team["organizer_id"], problem="Fees raised.",
            required_action="Publish the agreed fees.", complaint_id=complaint_id,
            due_on=date.today() + timedelta(days=10))
    with session_scope() as session:
        sanction_id = sanctions.warn_organizer(session, cora, organizer_id=team["organizer_id"],
                                               reason="Fees raised.", complaint_id=complaint_id)
    assert _remedies(complaint_id) == {"rectification_notice": notice_id,
                                       "sanction": sanction_id}


def test_a_complaint_about_another_organizer_cannot_lead_to_this_ones_notice(team):
    from datetime import date, timedelta

    import pytest
    from sqlmodel import select

    from portal.domain.errors import Invalid
    from portal.domain.models import RectificationNotice
    from portal.services import rectification_notices
    from tests.services.complaint_helpers import other_organizer

    cora = staff()
    _eve, eve_organizer = other_organizer(team)
    complaint_id = _upheld_with_supervision(team, cora)
    with pytest.raises(Invalid) as refused, session_scope() as session:
        rectification_notices.open_notice(
            session, cora, organizer_id=eve_organizer, problem="Fees raised.",
            required_action="Publish the agreed fees.", complaint_id=complaint_id,
            due_on=date.today() + timedelta(days=10))
    assert refused.value.field == "complaint_id"
    with session_scope() as session:
        assert session.exec(select(RectificationNotice)).all() == []
    assert _remedies(complaint_id)["rectification_notice"] is None
