"""What an organizer application says about the organizer (rules §3.1.1), checked field by
field so each refusal is shown beside its field."""

from __future__ import annotations

from pydantic import BaseModel

from portal.domain.enums import OrganizerKind
from portal.domain.errors import Invalid
from portal.services.accounts import clean_phone

LIMITS = {"legal_name": 200, "registration_number": 64, "contact_name": 120, "address": 300,
          "description": 4000}


class Application(BaseModel):
    legal_name: str = ""
    kind: str = ""
    registration_number: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    address: str = ""
    description: str = ""


def clean_application(data: Application) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, limit in LIMITS.items():
        value = (getattr(data, name) or "").strip()
        if not value:
            raise Invalid("This field is required.", field=name)
        if len(value) > limit:
            raise Invalid("Use at most {n} characters.", field=name, n=limit)
        values[name] = value
    try:
        values["kind"] = OrganizerKind(data.kind).value
    except ValueError:
        raise Invalid("Choose what kind of organizer this is.", field="kind") from None
    values["contact_phone"] = clean_phone(data.contact_phone, field="contact_phone")
    return values
