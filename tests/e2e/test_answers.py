"""Changing one's answers in Chromium: from My registrations to the event's questions, filled in
with what was answered; a change is saved and shown again; on a phone and in Chinese too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in, switch_language

pytestmark = pytest.mark.e2e
EVENT = "Open Chess Rapid"  # the demo attendee answered its two questions


def _open_answers(page: Page) -> None:
    card = page.locator("#registrations-list li").filter(has_text=EVENT)
    card.get_by_role("link", name=re.compile("Change answers|修改回答")).click()
    expect(page).to_have_url(re.compile(r"/me/registrations/answers\?id=\d+"))
    expect(page.locator("#answers-event")).to_have_text(EVENT)


def test_an_attendee_changes_their_answers(page: Page, app_url: str, shot):
    sign_in(page, app_url, "attendee@demo.example", next_path="/me/registrations")
    expect(page.locator("#registrations-list")).to_contain_text(EVENT)
    _open_answers(page)
    rating = page.get_by_label("Your rating (if any)")
    expect(rating).to_have_value("1650")  # what was answered when registering
    chess_set = page.get_by_role("radiogroup").get_by_role("radio", name="Yes")
    expect(chess_set).to_be_checked()
    shot("desktop")
    rating.fill("1720")
    page.get_by_role("radiogroup").get_by_role("radio", name="No").click()
    page.locator("#save-answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    page.reload()  # what the server stored, drawn again
    expect(page.get_by_label("Your rating (if any)")).to_have_value("1720")
    expect(page.get_by_role("radiogroup").get_by_role("radio", name="No")).to_be_checked()

    page.set_viewport_size({"width": 390, "height": 844})
    switch_language(page, "简体中文")
    expect(page.locator("#save-answers")).to_have_text("保存回答")
    shot("phone-zh")
    switch_language(page, "English")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_someone_elses_registration_shows_nothing(page: Page, app_url: str):
    sign_in(page, app_url, "organizer@demo.example", next_path="/organizer")
    expect(page).to_have_url(re.compile(r"/organizer/?$"))
    expect(page.locator("#page-title")).to_have_text("Overview")  # landed: no navigation left
    page.goto(f"{app_url}/me/registrations/answers?id=1")  # the demo attendee's
    expect(page.locator("#form-error")).to_contain_text("No such registration")
    expect(page.locator("#save-answers")).to_have_count(0)
