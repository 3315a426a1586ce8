"""Words for organizer kinds and document kinds, shared by the organizer and staff screens."""

from __future__ import annotations

from portal.domain import labels

KINDS = labels.choices(labels.ORGANIZER_KIND)
DOCUMENT_KINDS = labels.choices(labels.DOCUMENT_KIND)
APPLICATION_FIELDS = ("legal_name", "kind", "registration_number", "contact_name",
                      "contact_phone", "address", "description")
