"""Steps the browser journeys share."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page

from portal.services.demo import DEMO_PASSWORD


def sign_in(page: Page, app_url: str, email: str, password: str = DEMO_PASSWORD,
            next_path: str = "") -> None:
    page.goto(f"{app_url}/sign-in" + (f"?next={next_path}" if next_path else ""))
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(password)
    page.locator("#sign-in").click()


def localized(browser: Browser, app_url: str, locale: str, viewport: dict
              ) -> tuple[BrowserContext, Page]:
    """A fresh browser of the given size whose pages and server replies are in `locale` (the
    server writes dates, quotes and toasts in the language the browser sent)."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(f"localStorage.setItem('portal.locale', '{locale}')")
    context.add_cookies([{"name": "portal_locale", "value": locale, "url": app_url}])
    return context, context.new_page()


def confirm(page: Page) -> None:
    """Answer the open confirmation dialog with its action button."""
    page.get_by_role("alertdialog").locator(".confirm-action").click()


def switch_language(page: Page, name: str) -> None:
    page.locator("#language-switch").click()
    page.get_by_role("option", name=name).click()


def approved_organizer(email: str, name: str, legal_name: str) -> str:
    """A person whose organizer is already approved (the qualification journey has its own
    browser test) and who confirmed the safety guide in force (its own journey too), made
    through the services; returns their email."""
    from datetime import date

    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.enums import Role
    from portal.domain.models import User
    from portal.domain.models.document import TextKind
    from portal.domain.policies import Actor
    from portal.services import organizers, platform_texts
    from portal.services.demo_events import LICENCE_PDF
    from portal.services.sessions import open_session, resolve_actor
    from portal.services.users import create_user
    from portal.wiring import file_store

    with session_scope() as session:
        user = create_user(session, name=name, email=email, password=DEMO_PASSWORD,
                           verified=True, phone="+86 138 0000 0555",
                           date_of_birth=date(1988, 8, 8), accepted_rules=True)
        person = resolve_actor(session, open_session(session, user=user))
    with session_scope() as session:
        organizer_id = organizers.apply(session, person, organizers.Application(
            legal_name=legal_name, kind="company",
            registration_number=f"9131{sum(map(ord, email)):08d}",
            contact_name=name, contact_phone="+86 21 5555 0199", address="Shanghai",
            description="Workshops."), documents=[organizers.DocumentUpload(
                kind="business_licence", filename="licence.pdf", content=LICENCE_PDF)],
            store=file_store())
        staff = session.exec(select(User).where(User.email == "staff@demo.example")).one()[0]
    reviewer = Actor(user_id=staff.id, roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
    with session_scope() as session:
        organizers.decide(session, reviewer, organizer_id=organizer_id, decision="approve")
    with session_scope() as session:
        guide = platform_texts.current_version(session, TextKind.SAFETY_GUIDE)
        platform_texts.record_acceptance(session, person.user_id or 0, TextKind.SAFETY_GUIDE,
                                         guide)
    return email


def harbour_event(event) -> int:  # noqa: ANN001
    """A demo event (a `DemoEvent`) of the demo organizer, Harbour Events Co., made through the
    services: published, or left waiting for review when it says `publish=False`."""
    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import Organizer, User
    from portal.domain.policies import Actor
    from portal.services.demo_events import publish_demo_event, reviewer_for

    with session_scope() as session:
        organizer = session.exec(select(Organizer).where(
            Organizer.legal_name == "Harbour Events Co.")).one()[0]
        owner, staff = (session.exec(select(User).where(User.email == email)).one()[0]
                        for email in ("organizer@demo.example", "staff@demo.example"))
        member = Actor(user_id=owner.id, verified=True, organizer_ids=frozenset({organizer.id}))
        return publish_demo_event(session, member, reviewer_for(staff.id), organizer.id, event)


def paid_in_cash(actor, event_id: int) -> int:  # noqa: ANN001
    """The person registers and pays in cash; finance staff confirm the money arrived."""
    from portal.db import session_scope
    from portal.domain.clock import utcnow
    from portal.domain.models import Payment
    from portal.services import payments, registrations
    from portal.services.payment_start import choose_offline
    from portal.services.registration_form import RegistrationForm
    from portal.wiring import file_store

    with session_scope() as session:
        registration_id = registrations.register(
            session, actor, event_id=event_id, form=RegistrationForm(safety_ack=True),
            store=file_store()).id
    with session_scope() as session:
        payment_id = choose_offline(session, actor, registration_id=registration_id,
                                    method="cash").id
    with session_scope() as session:
        payment = session.get(Payment, payment_id)
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref=f"cash-{payment_id}", now=utcnow())
    return registration_id
