from sqlalchemy import func, select

from portal.domain.enums import Role
from portal.domain.models import User, UserRole
from portal.services.demo import DEMO_ACCOUNTS, seed_demo
from portal.wiring import file_store


def test_demo_data_loads_once_with_one_account_per_role(db):
    assert seed_demo(db, store=file_store()) is True
    db.commit()
    assert seed_demo(db, store=file_store()) is False
    db.commit()
    assert db.exec(select(func.count()).select_from(User)).one()[0] == len(DEMO_ACCOUNTS)
    roles = {Role(r) for (r,) in db.exec(select(UserRole.role)).all()}
    assert Role.ADMIN in roles and Role.STAFF_REVIEWS in roles


def test_demo_events_fill_the_catalogue_and_the_review_queue(db):
    from portal.domain.models import Event

    seed_demo(db, store=file_store())
    db.commit()
    statuses = sorted(s for (s,) in db.exec(select(Event.status)).all())
    assert statuses == ["published", "published", "published", "submitted"]
