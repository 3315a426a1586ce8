"""Registration questions of a published event change through the change request: staff read
each question's change, answers already given stay with their question, removed questions are
hidden from new registrations, and a published event's cover is not changed behind review."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.errors import Invalid
from portal.domain.models import (
    OutboxEmail,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    User,
)
from portal.integrations.files_local import LocalFileStore
from portal.services import event_changes, event_covers, event_drafts, event_review, event_views
from portal.services.event_form import QuestionInput
from tests.services.test_events import FEES, call, draft, save

FORM = [QuestionInput(kind="single_choice", label="Size", required=True, options="S\nM\nL"),
        QuestionInput(kind="short_text", label="Diet"),
        QuestionInput(kind="yes_no", label="Bus from the station?")]


def questions(db, event_id, *, retired=False) -> dict[str, RegistrationQuestion]:
    db.rollback()
    rows = db.exec(select(RegistrationQuestion).where(RegistrationQuestion.event_id == event_id))
    return {q.label: q for (q,) in rows if (q.retired_at is not None) == retired}


@pytest.fixture
def answered(team, db):
    """A published event whose registrant (eve) answered the size and diet questions."""
    event_id = save(team, questions=FORM)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="approve")
    asked = questions(db, event_id)
    with session_scope() as session:
        eve = session.exec(select(User).where(User.email == "eve@example.org")).one()[0]
        registration = Registration(event_id=event_id, user_id=eve.id)
        session.add(registration)
        session.flush()
        session.add(RegistrationAnswer(registration_id=registration.id,
                                       question_id=asked["Size"].id, value="M"))
        session.add(RegistrationAnswer(registration_id=registration.id,
                                       question_id=asked["Diet"].id, value="Vegetarian"))
    return event_id, {label: q.id for label, q in asked.items()}


def ask(team, event_id, form, **overrides):
    return call(event_changes.request_update, team["olga"], event_id=event_id,
                draft=draft(**overrides), fees=FEES, reason="New venue, new form.",
                questions=form)


def test_question_edits_are_reviewed_and_answers_stay_with_their_question(team, answered, db):
    event_id, ids = answered
    new_form = [QuestionInput(id=ids["Size"], kind="single_choice", label="T-shirt size",
                              required=True, options="S\nM\nL\nXL"),
                QuestionInput(kind="short_text", label="Emergency phone", required=True)]
    change_id = ask(team, event_id, new_form)  # Diet (answered) and Bus (not) removed

    view = call(event_changes.get_change, team["rita"], change_id=change_id)
    lines = {c.label: (c.before, c.after) for c in view.changes}
    assert lines["Registration question changed"] == (
        "Size (Single choice, required): S / M / L",
        "T-shirt size (Single choice, required): S / M / L / XL")
    assert lines["New registration question"] == (
        "—", "Emergency phone (Short text, required) — required of new registrations only")
    removed = [c for c in view.changes if c.label == "Registration question removed"]
    assert [c.before for c in removed] == ["Diet (Short text)", "Bus from the station? (Yes or no)"]
    assert {c.after for c in removed} == {
        "hidden from new registrations; answers already given are kept"}
    in_chinese = call(event_changes.get_change, team["rita"], change_id=change_id,
                      locale="zh-Hans")
    assert "新增报名问题" in {c.label for c in in_chinese.changes}
    assert set(questions(db, event_id)) == {"Size", "Diet", "Bus from the station?"}  # not yet

    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    now_asked = questions(db, event_id)
    assert set(now_asked) == {"T-shirt size", "Emergency phone"}
    assert now_asked["T-shirt size"].id == ids["Size"]  # edited in place
    assert now_asked["Emergency phone"].required_since is not None
    assert now_asked["Emergency phone"].required_since > now_asked["T-shirt size"].created_at
    assert list(questions(db, event_id, retired=True)) == ["Diet"]  # kept for its answer
    assert db.get(RegistrationQuestion, ids["Bus from the station?"]) is None  # nobody answered
    answers = {a.question_id: a.value for (a,) in db.exec(select(RegistrationAnswer))}
    assert answers == {ids["Size"]: "M", ids["Diet"]: "Vegetarian"}
    public = call(event_views.editor_event, team["olga"], event_id=event_id)
    assert [(q.id, q.label) for q in public.questions] == [
        (ids["Size"], "T-shirt size"), (now_asked["Emergency phone"].id, "Emergency phone")]
    mail = db.exec(select(OutboxEmail).where(OutboxEmail.template == "event_changed")).one()[0]
    assert "New registration question: — → Emergency phone (Short text, required) — " \
           "required of new registrations only" in mail.body_text


def test_changing_the_kind_of_an_answered_question_keeps_the_answers_on_the_old_one(
        team, answered, db):
    event_id, ids = answered
    form = [QuestionInput(id=ids["Size"], kind="short_text", label="Size"),
            QuestionInput(id=ids["Diet"], kind="long_text", label="Diet"),
            QuestionInput(id=ids["Bus from the station?"], kind="short_text", label="Bus?")]
    change_id = ask(team, event_id, form)
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    asked, retired = questions(db, event_id), questions(db, event_id, retired=True)
    assert set(retired) == {"Size", "Diet"} and {q.id for q in retired.values()} == {
        ids["Size"], ids["Diet"]}
    assert asked["Bus?"].id == ids["Bus from the station?"]  # no answers: edited in place
    assert asked["Size"].kind == "short_text" and asked["Size"].id != ids["Size"]
    assert asked["Size"].required_since is None  # optional now


def test_a_change_without_questions_leaves_the_form_alone(team, answered, db):
    event_id, ids = answered
    change_id = call(event_changes.request_update, team["olga"], event_id=event_id,
                     draft=draft(name="Data Summit II"), fees=FEES, reason="Rename.")
    view = call(event_changes.get_change, team["rita"], change_id=change_id)
    assert [c.field for c in view.changes] == ["name"]
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    assert {q.id for q in questions(db, event_id).values()} == set(ids.values())


def test_a_question_of_another_event_cannot_be_edited_through_this_one(team, answered, db):
    event_id, _ = answered
    other = save(team, questions=[QuestionInput(kind="short_text", label="Other")])
    foreign = questions(db, other)["Other"].id
    for bad_id in (foreign, 10**9):
        with pytest.raises(Invalid) as refused:
            ask(team, event_id, [QuestionInput(id=bad_id, kind="short_text", label="Mine?")])
        assert refused.value.field == "questions"
    with pytest.raises(Invalid) as refused:  # the same question twice
        ask(team, event_id, [QuestionInput(id=foreign, kind="short_text", label="A"),
                             QuestionInput(id=foreign, kind="short_text", label="B")])
    assert refused.value.field == "questions"
    assert questions(db, other)["Other"].event_id == other


def test_saving_a_draft_keeps_question_identity(team, db):
    event_id = save(team, questions=FORM)
    ids = {label: q.id for label, q in questions(db, event_id).items()}
    save(team, event_id=event_id, questions=[
        QuestionInput(id=ids["Diet"], kind="short_text", label="Diet", required=True),
        QuestionInput(id=ids["Size"], kind="single_choice", label="Size", options="S\nM")])
    after = questions(db, event_id)
    assert {label: q.id for label, q in after.items()} == {"Diet": ids["Diet"],
                                                           "Size": ids["Size"]}
    assert [q.label for q in sorted(after.values(), key=lambda q: q.position)] == ["Diet",
                                                                                  "Size"]
    assert after["Diet"].required_since is not None and after["Size"].required_since is None
    view = call(event_views.editor_event, team["olga"], event_id=event_id)
    assert [c.field for c in view.changes_since_submission] == []  # never submitted


def test_the_cover_of_a_published_event_is_refused_beside_the_field(team, answered, tmp_path):
    event_id, _ = answered
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(Invalid) as refused:
        call(event_covers.set_cover, team["olga"], event_id=event_id, filename="c.png",
             content=png, store=LocalFileStore(tmp_path))
    assert refused.value.field == "cover"
    assert refused.value.message == "The cover of a published event cannot be changed."
