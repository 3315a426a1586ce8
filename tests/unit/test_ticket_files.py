"""The files an attendee downloads: a QR code that scans to the ticket page, a calendar entry that
calendar programs read back unchanged, and a one-page PDF in either language."""

from __future__ import annotations

import base64
import io
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
import zxingcpp
from icalendar import Calendar
from PIL import Image, ImageDraw
from pydantic import ValidationError
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase import pdfmetrics

from portal.services.ticket_files import (
    LABEL_KEYS,
    LABELS_EXAMPLE_EN,
    PAGE_H,
    PAGE_W,
    TicketView,
    qr_png_data_uri,
    qr_svg,
    share_lines,
    ticket_ics,
    ticket_pdf,
    wrap,
)

URL = "https://portal.example/tickets/K7Q2-M9XD-4TPA"
WHEN = "Tue 22 Dec 2026, 09:30–17:00 (Asia/Shanghai)"
ZH_LABELS = dict(zip(LABEL_KEYS, (
    "活动平台 · 门票", "主办方", "时间", "地点", "线上参加", "参会人", "状态", "签到时间", "票号",
    "入场时出示此码", "费用", "合计", "参与流程", "携带物品", "注意事项", "安全风险", "安全措施",
    "紧急联系人"), strict=True))


def make_view(**changes: object) -> TicketView:
    fields: dict[str, object] = dict(
        code="K7Q2-M9XD-4TPA", url=URL, status="confirmed", status_label="Confirmed",
        attendee_name="Ada Lovelace", event_id=7, event_name="Spring Data Workshop",
        organizer_name="Open Data Society",
        starts_at=datetime(2026, 12, 22, 1, 30, tzinfo=UTC),
        ends_at=datetime(2026, 12, 22, 9, 0, tzinfo=UTC),
        time_zone="Asia/Shanghai", format="in_person",
        venue_address="1 Century Avenue, Pudong, Shanghai", join_link="",
        map_url="https://www.openstreetmap.org/search?query=1%20Century%20Avenue",
        fee_lines=[("Admission", "¥200.00"), ("Lunch", "¥50.00")], total="¥250.00",
        guide_process="Arrive by 09:15 and check in at the lobby desk.",
        guide_bring="A laptop and your ID.", guide_notes="",
        safety_risks="Crowded hall.", safety_measures="Stewards at every exit.",
        emergency_contact="Li Wei, +86 138 0000 0000", checked_in_at=None)
    fields.update(changes)
    return TicketView.model_validate(fields)


def chinese_view(**changes: object) -> TicketView:
    fields: dict[str, object] = dict(
        status_label="已确认", attendee_name="王小明", event_name="春季数据工作坊",
        organizer_name="上海开放数据协会", venue_address="上海市浦东新区世纪大道1号",
        fee_lines=[("门票", "¥200.00")], total="¥200.00", guide_process="请于九点前到达。",
        guide_bring="身份证。", safety_risks="人员密集。", safety_measures="每个出口均有工作人员。",
        emergency_contact="李伟，电话 138 0000 0000")
    fields.update(changes)
    return make_view(**fields)


def decode_qr(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def pdf_text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def drawn_text(pdf: bytes) -> list[tuple[str, float, float, str, float]]:
    """Every piece of text on the page: (text, x, baseline y, font, size)."""
    found: list[tuple[str, float, float, str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), tm[4], tm[5], font["/BaseFont"].lstrip("/"), size))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


# ---- QR code -------------------------------------------------------------------------------

def test_the_email_qr_is_a_png_that_scans_to_the_ticket_page():
    uri = qr_png_data_uri(URL)
    prefix = "data:image/png;base64,"
    assert uri.startswith(prefix)
    png = base64.b64decode(uri.removeprefix(prefix), validate=True)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert decode_qr(Image.open(io.BytesIO(png))) == [URL]


def test_the_page_qr_is_inline_svg_with_a_title_and_a_full_size_symbol():
    svg = qr_svg("T1", scale=3, title="Ticket <K7Q2>")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert "<title>Ticket &lt;K7Q2&gt;</title>" in svg
    # Even two characters get a full QR code (21 modules + 4 quiet on each side), never a
    # Micro QR that phone cameras cannot read.
    size = (21 + 8) * 3
    assert f'width="{size}" height="{size}"' in svg


# ---- Calendar entry ------------------------------------------------------------------------

def read_event(ics: bytes):
    calendar = Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_the_calendar_entry_reads_back_with_the_event_in_utc():
    starts = datetime(2026, 12, 22, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    view = make_view(starts_at=starts, ends_at=starts + timedelta(hours=7, minutes=30))
    ics = ticket_ics(view, prodid_host="portal.example",
                     stamp=datetime(2026, 12, 1, tzinfo=UTC))
    calendar, event = read_event(ics)
    assert calendar["METHOD"] == "PUBLISH"
    assert event["UID"] == "ticket-K7Q2-M9XD-4TPA@portal.example"
    assert b"DTSTART:20261222T013000Z" in ics and b"DTEND:20261222T090000Z" in ics
    assert event.decoded("DTSTART") == datetime(2026, 12, 22, 1, 30, tzinfo=UTC)
    assert event["SUMMARY"] == "Spring Data Workshop"
    assert event["LOCATION"] == "1 Century Avenue, Pudong, Shanghai"
    assert event["URL"] == URL
    assert URL in event["DESCRIPTION"] and "lobby desk" in event["DESCRIPTION"]
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)


def test_commas_semicolons_and_newlines_in_names_are_escaped_and_survive():
    name = "Talks, tea; and\nmore \\ fun"
    ics = ticket_ics(make_view(event_name=name, venue_address="Hall A; Gate 3, Level 2"),
                     prodid_host="portal.example")
    assert b"SUMMARY:Talks\\, tea\\; and\\nmore \\\\ fun\r\n" in ics
    _, event = read_event(ics)
    assert event["SUMMARY"] == name
    assert event["LOCATION"] == "Hall A; Gate 3, Level 2"


def test_an_online_event_is_located_at_its_join_link_and_labels_head_the_description():
    view = make_view(format="online", venue_address="", join_link="https://meet.example/abc")
    _, event = read_event(ticket_ics(view, prodid_host="p.example", labels=LABELS_EXAMPLE_EN))
    assert event["LOCATION"] == "https://meet.example/abc"
    assert "Join online:\nhttps://meet.example/abc" in event["DESCRIPTION"]
    not_confirmed = make_view(format="online", venue_address="", join_link="")
    _, event = read_event(ticket_ics(not_confirmed, prodid_host="p.example"))
    assert "LOCATION" not in event


def test_a_view_refuses_naive_times_and_unknown_zones():
    with pytest.raises(ValidationError, match="aware"):
        make_view(starts_at=datetime(2026, 12, 22, 9, 30))
    with pytest.raises(ValidationError, match="time zone"):
        make_view(time_zone="Mars/Olympus")


# ---- PDF -----------------------------------------------------------------------------------

def test_the_english_ticket_is_one_page_with_everything_an_attendee_needs():
    pdf = ticket_pdf(make_view(), labels=LABELS_EXAMPLE_EN, when=WHEN)
    assert pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = pdf_text(pdf)
    for expected in ("Spring Data Workshop", "Ada Lovelace", "Confirmed", "K7Q2-M9XD-4TPA",
                     WHEN, "1 Century Avenue", "Admission", "¥50.00", "Total", "¥250.00",
                     "How it works", "lobby desk", "Safety measures", "Stewards at every exit",
                     "Emergency contact", "+86 138 0000 0000"):
        assert expected in text
    assert "Notes" not in text  # an empty section is left out
    assert ("K7Q2-M9XD-4TPA", "Courier-Bold") in {(t, f) for t, _, _, f, _ in drawn_text(pdf)}
    assert ticket_pdf(make_view(), labels=LABELS_EXAMPLE_EN, when=WHEN) == pdf
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    links = {a.get_object()["/A"]["/URI"] for a in page["/Annots"]}
    assert links == {URL, "https://www.openstreetmap.org/search?query=1%20Century%20Avenue"}


def test_the_chinese_ticket_prints_chinese_in_the_built_in_cjk_font():
    pdf = ticket_pdf(chinese_view(), labels=ZH_LABELS, when="2026年12月22日 09:30–17:00")
    text = pdf_text(pdf)
    for expected in ("春季数据工作坊", "王小明", "已确认", "上海市浦东新区世纪大道1号", "门票",
                     "参与流程", "请于九点前到达", "安全措施", "紧急联系人", "李伟"):
        assert expected in text
    fonts = {font for t, _, _, font, _ in drawn_text(pdf) if "王小明" in t}
    assert fonts == {"STSong-Light"}


def test_the_qr_on_the_pdf_is_vector_and_scans_to_the_ticket_page():
    pdf = ticket_pdf(make_view(), labels=LABELS_EXAMPLE_EN, when=WHEN)
    reader = PdfReader(io.BytesIO(pdf))
    assert list(reader.pages[0].images) == []
    ops = ContentStream(reader.pages[0].get_contents(), reader).operations
    squares = [[float(v) for v in args] for args, op in ops if op == b"re"]
    squares = [r for r in squares if r[0] > PAGE_W / 2 and r[1] > PAGE_H / 2]
    assert len(squares) > 100
    scale, pad = 4, 30  # pixels per point; white margin in points
    left = min(r[0] for r in squares) - pad
    top = max(r[1] + r[3] for r in squares) + pad
    side = int((top - min(r[1] for r in squares) + pad) * scale)
    image = Image.new("L", (int((max(r[0] + r[2] for r in squares) + pad - left) * scale), side),
                      255)
    pen = ImageDraw.Draw(image)
    for x, y, w, h in squares:
        pen.rectangle(((x - left) * scale, (top - y - h) * scale,
                       (x + w - left) * scale - 1, (top - y) * scale - 1), fill=0)
    assert decode_qr(image) == [URL]


def test_an_online_ticket_shows_and_links_the_join_link_and_no_venue():
    view = make_view(format="online", venue_address="", map_url="",
                     join_link="https://meet.example/j/123-456")
    pdf = ticket_pdf(view, labels=LABELS_EXAMPLE_EN, when=WHEN)
    text = pdf_text(pdf)
    assert "Join online" in text and "https://meet.example/j/123-456" in text
    assert "Where" not in text
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    links = {a.get_object()["/A"]["/URI"] for a in page["/Annots"]}
    assert "https://meet.example/j/123-456" in links


def text_stays_on_the_page(pdf: bytes) -> None:
    for text, x, y, font, size in drawn_text(pdf):
        width = pdfmetrics.stringWidth(text, font, size)
        assert 40 <= x and x + width <= PAGE_W - 40, text
        assert 40 <= y <= PAGE_H - 40, text


@pytest.mark.parametrize("sentence", ["Bring water and arrive early. ", "请提前到达并携带饮用水。"])
def test_a_5000_character_guide_is_cut_and_the_safety_notes_stay_on_one_page(sentence):
    long = (sentence * 400)[:5000]
    if sentence.isascii():
        view = make_view(guide_process=long, guide_notes=long, venue_address="Hall " * 200)
        labels = LABELS_EXAMPLE_EN
    else:
        view = chinese_view(guide_process=long, guide_notes=long, venue_address="大厅" * 200)
        labels = ZH_LABELS
    pdf = ticket_pdf(view, labels=labels, when=WHEN)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = pdf_text(pdf)
    assert text.count("…") >= 3  # guide, notes and the venue are each cut
    for kept in (labels["measures"], view.safety_measures, labels["emergency"], "138 0000 0000",
                 URL):
        assert kept in text
    text_stays_on_the_page(pdf)


def test_every_field_at_its_longest_still_fits_the_page():
    huge = "Word " * 1000
    view = make_view(event_name=huge, organizer_name=huge, attendee_name=huge, venue_address=huge,
                     join_link="https://meet.example/" + "x" * 900, format="hybrid",
                     fee_lines=[(f"Item {n} " + huge, "¥1.00") for n in range(30)],
                     guide_process=huge, guide_bring=huge, guide_notes=huge, safety_risks=huge,
                     safety_measures=huge, emergency_contact=huge, code="K7Q2-" * 20,
                     checked_in_at=datetime(2026, 12, 22, 1, 41, tzinfo=UTC))
    pdf = ticket_pdf(view, labels=LABELS_EXAMPLE_EN, when=WHEN)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text_stays_on_the_page(pdf)
    text = pdf_text(pdf)
    # Room runs out: the notes give way before the safety measures do.
    assert "Safety measures" in text and "Notes" not in text
    assert "2026-12-22 09:41" in text  # checked in, shown in the event's zone


def status_colours(pdf: bytes) -> dict[str, tuple[float, ...]]:
    """The fill colour each single-line text was drawn in."""
    reader = PdfReader(io.BytesIO(pdf))
    colour: tuple[float, ...] = ()
    found = {}
    for args, op in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if op == b"rg":
            colour = tuple(float(v) for v in args)
        elif op == b"Tj":
            found[str(args[0])] = colour
    return found


def test_a_ticket_that_does_not_admit_shows_its_status_in_red():
    admitted = ticket_pdf(make_view(), labels=LABELS_EXAMPLE_EN, when=WHEN)
    cancelled = ticket_pdf(make_view(status="cancelled", status_label="Cancelled"),
                           labels=LABELS_EXAMPLE_EN, when=WHEN)
    red, green = status_colours(cancelled)["Cancelled"], status_colours(admitted)["Confirmed"]
    assert red[0] > 0.6 > max(red[1:])
    assert green[1] > max(green[0], green[2])


def test_missing_labels_are_named():
    labels = {k: v for k, v in LABELS_EXAMPLE_EN.items() if k not in ("fees", "emergency")}
    with pytest.raises(ValueError, match="fees, emergency"):
        ticket_pdf(make_view(), labels=labels, when=WHEN)


# ---- Text fitting --------------------------------------------------------------------------

def test_wrapping_breaks_chinese_anywhere_but_before_closing_punctuation():
    text = "参加活动前，请阅读安全须知。" * 20
    lines = wrap(text, "STSong-Light", 10, 115, 50)
    assert "".join(lines) == text
    assert len(lines) > 10
    assert all(pdfmetrics.stringWidth(line, "STSong-Light", 10) <= 115 for line in lines)
    assert not any(line[0] in "，。" for line in lines)


def test_wrapping_keeps_words_whole_splits_overlong_ones_and_marks_a_cut():
    lines = wrap("alpha beta gamma delta " + "x" * 80, "Helvetica", 10, 60, 4)
    assert lines[:2] == ["alpha beta", "gamma delta"]
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(pdfmetrics.stringWidth(line, "Helvetica", 10) <= 60 for line in lines)
    assert wrap("one\n\ntwo", "Helvetica", 10, 60, 4) == ["one", "two"]
    assert re.fullmatch(r"x+", "".join(wrap("x" * 80, "Helvetica", 10, 60, 9)))


def test_sections_share_the_lines_fairly():
    assert share_lines([100, 2, 3], 12) == [7, 2, 3]
    assert share_lines([100, 100], 9) == [5, 4]
    assert share_lines([1, 2], 50) == [1, 2]
