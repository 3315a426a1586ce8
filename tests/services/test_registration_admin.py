"""The organizer's view of who registered: who may see it, the list's search, filters and sort,
exact counts, one registration with its answers and files, and the CSV / Excel export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.errors import Invalid, NotFound
from portal.domain.models import Registration, RegistrationAnswer
from portal.domain.policies import Actor
from portal.services import registration_admin, registrations
from portal.services.paging import PageRequest
from portal.wiring import file_store
from tests.services import registration_admin_fixtures as fixtures
from tests.services.helpers import PDF
from tests.services.registration_helpers import person, publish, sign_up_for

hall, other_member = fixtures.hall, fixtures.other_member


def _list(actor, event_id, **request):
    with session_scope() as session:
        return registration_admin.event_registrations(
            session, actor, event_id=event_id, request=PageRequest(**request))


def _names(actor, event_id, **request) -> list[str]:
    return [row.name for row in _list(actor, event_id, **request).items]


def test_members_and_reviewers_see_the_list_others_are_told_nothing(team, hall, other_member):
    event_id = hall["event_id"]
    assert sorted(_names(team["olga"], event_id)) == ["Ann", "Bo", "Cy", "Dee"]
    assert _list(team["rita"], event_id).total == 4
    for outsider in (other_member, hall["people"]["Ann"], Actor.anonymous()):
        for service, target in (
            (registration_admin.event_registrations, {"event_id": event_id,
                                                      "request": PageRequest()}),
            (registration_admin.registration_counts, {"event_id": event_id}),
            (registration_admin.export_rows, {"event_id": event_id}),
            (registration_admin.fee_item_labels, {"event_id": event_id}),
            (registration_admin.registration_detail, {"registration_id": hall["ids"]["Bo"]}),
        ):
            with pytest.raises(NotFound), session_scope() as session:
                service(session, outsider, **target)


def test_rows_carry_what_the_table_shows(team, hall):
    rows = {r.name: r for r in _list(team["olga"], hall["event_id"]).items}
    assert rows["Bo"].status == "pending_payment" and rows["Bo"].fee_items == ["catering"]
    assert rows["Bo"].total_minor == 2000 and rows["Bo"].currency == "CNY"
    assert rows["Ann"].checked_in_at is not None and rows["Bo"].checked_in_at is None
    assert rows["Cy"].channel == "phone" and rows["Dee"].status == "waitlisted"
    assert rows["Ann"].email == "ann@example.org" and rows["Ann"].phone


def test_search_by_name_email_and_ticket_code_however_typed(team, hall):
    olga, event_id = team["olga"], hall["event_id"]
    assert _names(olga, event_id, search="bo@") == ["Bo"]
    assert _names(olga, event_id, search="BO") == ["Bo"]  # any case; ticket codes have no O
    with session_scope() as session:
        code = session.get(Registration, hall["ids"]["Ann"]).ticket_code
    assert _names(olga, event_id, search=code.replace("-", " ").lower()) == ["Ann"]
    assert _names(olga, event_id, search="100%_") == []  # wildcards are literal


def test_filters_and_sorting(team, hall):
    olga, event_id = team["olga"], hall["event_id"]
    assert sorted(_names(olga, event_id, filters={"status": "confirmed"})) == ["Ann", "Cy"]
    assert _names(olga, event_id, filters={"channel": "phone"}) == ["Cy"]
    assert _names(olga, event_id, filters={"fee_item": "catering"}) == ["Bo"]
    assert _names(olga, event_id, filters={"checked_in": "yes"}) == ["Ann"]
    assert len(_names(olga, event_id, filters={"checked_in": "no"})) == 3
    assert _names(olga, event_id, sort="name", descending=True) == ["Dee", "Cy", "Bo", "Ann"]
    assert _names(olga, event_id, sort="name", page=2, page_size=10) == []
    assert _names(olga, event_id, sort="created_at") == ["Ann", "Bo", "Cy", "Dee"]
    for bad in ({"filters": {"status": "paid"}}, {"filters": {"channel": "fax"}},
                {"filters": {"checked_in": "maybe"}}, {"filters": {"owner": "x"}},
                {"sort": "password"}):
        with pytest.raises(Invalid):
            _list(olga, event_id, **bad)
    with session_scope() as session:
        assert registration_admin.fee_item_labels(session, olga, event_id=event_id) == [
            "catering"]


def test_awaiting_approval_with_deadlines_and_overdue(team):
    event_id = publish(team, requires_approval=True)
    first = sign_up_for(person("Ann"), event_id)
    sign_up_for(person("Bo"), event_id)
    with session_scope() as session:
        session.execute(update(Registration).where(Registration.id == first.id)
                        .values(review_due_at=utcnow() - timedelta(hours=1)))
    rows = _list(team["olga"], event_id, filters={"status": "pending_review"},
                 sort="review_due_at").items
    assert [(r.name, r.overdue) for r in rows] == [("Ann", True), ("Bo", False)]
    assert all(r.review_due_at for r in rows)
    assert _names(team["olga"], event_id, filters={"overdue": "yes"}) == ["Ann"]


def test_counts_are_exact(team, hall):
    with session_scope() as session:
        counts = registration_admin.registration_counts(session, team["rita"],
                                                        event_id=hall["event_id"])
    assert (counts.confirmed, counts.pending_payment, counts.pending_review, counts.waitlisted,
            counts.offered, counts.checked_in) == (2, 1, 0, 1, 0, 1)
    assert (counts.capacity, counts.seats_left) == (3, 0) and counts.event_name == "Harbour Walk"
    with session_scope() as session:
        registrations.cancel_registration(session, hall["people"]["Bo"],
                                          registration_id=hall["ids"]["Bo"])
    with session_scope() as session:
        after = registration_admin.registration_counts(session, team["olga"],
                                                       event_id=hall["event_id"])
    # Bo's seat went to Dee as an offer: the activity number moved for open pages
    assert (after.pending_payment, after.waitlisted, after.offered, after.seats_left) == (
        0, 0, 1, 0)
    assert after.activity > counts.activity


def test_detail_has_the_person_items_answers_and_history(team, hall):
    with session_scope() as session:
        detail = registration_admin.registration_detail(
            session, team["olga"], registration_id=hall["ids"]["Ann"])
    assert detail.name == "Ann" and detail.status == "confirmed" and detail.ticket_code
    answers = {a.question: a for a in detail.answers}
    assert list(answers) == ["T-shirt name", "Diet", "Photos OK", "ID scan", "Old question"]
    assert answers["ID scan"].file_name == "passport.pdf"
    assert answers["ID scan"].file_type == "application/pdf"
    assert answers["Old question"].retired and not answers["Diet"].retired
    assert answers["T-shirt name"].file_name == ""
    assert detail.checked_in_by == "Olga"
    assert [h.action for h in detail.history] == ["registration.checked_in",
                                                  "registration.created"]
    assert detail.history[0].actor == "Olga"  # names, not addresses
    with session_scope() as session:
        bo = registration_admin.registration_detail(session, team["rita"],
                                                    registration_id=hall["ids"]["Bo"])
    assert bo.items == [("catering", 2000)] and bo.ticket_code == ""  # not confirmed yet


def test_detail_through_another_events_page_is_not_found(team, hall):
    other = publish(team, name="Other walk")
    with pytest.raises(NotFound), session_scope() as session:
        registration_admin.registration_detail(session, team["olga"],
                                               registration_id=hall["ids"]["Ann"],
                                               event_id=other)
    with session_scope() as session:
        assert registration_admin.registration_detail(
            session, team["olga"], registration_id=hall["ids"]["Ann"],
            event_id=hall["event_id"]).id == hall["ids"]["Ann"]


def test_answer_files_for_the_registrant_and_the_events_people_only(team, hall, other_member):
    with session_scope() as session:
        answer_id = session.exec(select(RegistrationAnswer.id).where(
            RegistrationAnswer.registration_id == hall["ids"]["Ann"],
            RegistrationAnswer.file_key.is_not(None))).one()

    def open_as(actor):
        with session_scope() as session:
            return registration_admin.open_answer_file(session, actor, answer_id=answer_id,
                                                       store=file_store())

    for allowed in (team["olga"], team["rita"], hall["people"]["Ann"]):
        assert open_as(allowed) == ("application/pdf", "passport.pdf", PDF)
    for refused in (hall["people"]["Bo"], other_member, Actor.anonymous()):
        with pytest.raises(NotFound):
            open_as(refused)
    with session_scope() as session:  # a text answer is no file
        text_answer = session.exec(select(RegistrationAnswer.id).where(
            RegistrationAnswer.registration_id == hall["ids"]["Ann"],
            RegistrationAnswer.file_key.is_(None))).first()
    with pytest.raises(NotFound), session_scope() as session:
        registration_admin.open_answer_file(session, team["olga"], answer_id=text_answer,
                                            store=file_store())


def _export(team, hall, locale="en"):
    with session_scope() as session:
        return registration_admin.export_rows(session, team["olga"],
                                              event_id=hall["event_id"], locale=locale)


def test_export_has_a_column_per_question_removed_ones_too(team, hall):
    headers, rows = _export(team, hall)
    assert headers[:3] == ["Name", "Email", "Phone"]
    assert headers[-5:] == ["T-shirt name", "Diet", "Photos OK", "ID scan", "Old question"]
    assert [r[0] for r in rows] == ["Ann", "Bo", "Cy", "Dee"]
    ann = dict(zip(headers, rows[0], strict=True))
    assert ann["Diet"] == "Vegan; No nuts" and ann["Photos OK"] == "Yes"
    assert ann["ID scan"] == "passport.pdf" and ann["Old question"] == "李雷 asked this"
    assert ann["Status"] == "Confirmed" and ann["Ticket code"]
    bo = dict(zip(headers, rows[1], strict=True))
    assert str(bo["Total"]) == "20.00" and bo["Fee items"] == "Catering fee"
    assert not bo["Ticket code"]
    chinese, _ = _export(team, hall, locale="zh-Hans")
    assert chinese[0] != "Name" and chinese[-1] == "Old question"


def test_csv_is_excel_ready_and_guards_against_formulas(team, hall):
    data = registration_admin.to_csv(*_export(team, hall))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    headers, ann = lines[0], dict(zip(lines[0], lines[1], strict=True))
    assert len(lines) == 5 and "T-shirt name" in headers
    assert ann["T-shirt name"] == "'=HYPERLINK(\"http://evil\")"
    assert ann["Phone"].startswith("'+86")  # "+..." starts a formula too
    assert ann["Old question"] == "李雷 asked this"
    for cell in (c for line in lines for c in line):
        assert not cell.startswith(("=", "+", "-", "@")), cell


def test_xlsx_opens_with_the_rows_and_text_stays_text(team, hall):
    headers, rows = _export(team, hall)
    book = load_workbook(io.BytesIO(registration_admin.to_xlsx(headers, rows)))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == headers and len(values) == 5
    assert [v[0] for v in values[1:]] == ["Ann", "Bo", "Cy", "Dee"]
    formula = sheet.cell(row=2, column=headers.index("T-shirt name") + 1)
    assert formula.data_type == "s" and formula.value == "=HYPERLINK(\"http://evil\")"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= len("dee@example.org")
