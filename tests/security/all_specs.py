"""Every security case: the core writes and reads, and each area's own spec module."""

from __future__ import annotations

from tests.security.backups_specs import BACKUP_SPECS
from tests.security.complaints_people_specs import COMPLAINT_PAGE_SPECS
from tests.security.complaints_specs import COMPLAINT_SPECS
from tests.security.complaints_staff_specs import STAFF_COMPLAINT_SPECS
from tests.security.door_specs import DOOR_SPECS
from tests.security.editor_specs import EDITOR_SPECS
from tests.security.emergency_specs import EMERGENCY_SPECS
from tests.security.payments_attendee_specs import PAYMENT_SPECS
from tests.security.payments_finance_specs import FINANCE_SPECS
from tests.security.privacy_specs import PRIVACY_SPECS
from tests.security.ratings_specs import RATING_SPECS
from tests.security.refunds_specs import REFUND_SPECS
from tests.security.registrations_specs import ANSWER_SPECS, REGISTRATION_SPECS
from tests.security.reports_specs import REPORT_SPECS
from tests.security.service_specs import SERVICES
from tests.security.settings_specs import SETTINGS_SPECS
from tests.security.settlement_specs import SETTLEMENT_SPECS
from tests.security.specs import READS, WRITES
from tests.security.supervision_specs import SUPERVISION_SPECS
from tests.security.texts_specs import TEXT_SPECS

SPECS = (WRITES + READS + SERVICES + DOOR_SPECS + REGISTRATION_SPECS + ANSWER_SPECS
         + EDITOR_SPECS + FINANCE_SPECS + PAYMENT_SPECS + REFUND_SPECS + REPORT_SPECS
         + SETTINGS_SPECS
         + COMPLAINT_SPECS + RATING_SPECS + SUPERVISION_SPECS + COMPLAINT_PAGE_SPECS
         + STAFF_COMPLAINT_SPECS + PRIVACY_SPECS + BACKUP_SPECS + EMERGENCY_SPECS
         + TEXT_SPECS + SETTLEMENT_SPECS)
