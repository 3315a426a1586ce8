"""Words for organizer kinds and document kinds, shared by the organizer and staff screens."""

from __future__ import annotations

from portal.i18n import N_

KINDS = (("company", N_("Company")), ("individual", N_("Individual")),
         ("non_profit", N_("Non-profit")))
DOCUMENT_KINDS = (("business_licence", N_("Business licence")),
                  ("organisation_code", N_("Organisation code certificate")),
                  ("other", N_("Other document")))
APPLICATION_FIELDS = ("legal_name", "kind", "registration_number", "contact_name",
                      "contact_phone", "address", "description")
