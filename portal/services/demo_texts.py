"""Demo platform texts: two versions of the rules (so the history shows), accepted by the demo
accounts, and the safety guide, confirmed by the demo organizer."""

from __future__ import annotations

from sqlmodel import Session

from portal.domain.enums import Role
from portal.domain.models import User
from portal.domain.models.document import TextKind
from portal.domain.policies import Actor
from portal.services.platform_texts import publish_text, record_acceptance

RULES_V1 = """# Platform rules

1. Give real, accurate and complete information about yourself, and keep it up to date.
2. Do not publish illegal or false information, and do not advertise falsely.
3. Do not attack, harass or defraud other people on or through the platform.
4. Organizers publish events only after the platform has reviewed them.
"""
RULES_V2 = RULES_V1 + """5. Tell the platform in advance, with reasons, about any change or
   cancellation of an event.
6. Follow the guidance and safety instructions of each event you take part in.
7. The platform may suspend or close accounts that break these rules, and tells the person why.

See the [complaints page](/complaints) if something went wrong.
"""
SAFETY_GUIDE = """# Safety guide for organizers

Every event on the platform has a **safety plan** covering people, equipment and information.

## Before the event

- Check the venue's capacity, exits and first-aid point; never sell more places than it holds.
- Name a person in charge of safety and an emergency contact reachable during the event.
- Brief stewards on the evacuation route and the assembly point.

## During the event

- Keep exits free and signposted; watch crowding at the entrance.
- Stop the event when people are at risk, and call the emergency services (110, 119, 120).

## Afterwards

- Report any incident to the platform within one working day.
"""


def seed_demo_texts(session: Session, *, admin: User, people: list[User],
                    organizer: User) -> None:
    author = Actor(user_id=admin.id, verified=True, accepted_rules=True,
                   roles=frozenset({Role.ADMIN}))
    publish_text(session, author, kind=TextKind.RULES.value, body=RULES_V1)
    for person in people:
        record_acceptance(session, person.id or 0, TextKind.RULES, 1)
    publish_text(session, author, kind=TextKind.RULES.value, body=RULES_V2)
    for person in people:
        record_acceptance(session, person.id or 0, TextKind.RULES, 2)
    publish_text(session, author, kind=TextKind.SAFETY_GUIDE.value, body=SAFETY_GUIDE)
    record_acceptance(session, organizer.id or 0, TextKind.SAFETY_GUIDE, 1)
