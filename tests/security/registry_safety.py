"""The registry's entries for running the platform safely: emergencies, rules, safety guide."""

from __future__ import annotations

from tests.security.handlers import TABLE_EVENTS
from tests.security.handlers import add as _add

# Emergencies (rules §4.1.2, §4.2.3): plans are read by all staff and written by admins; the
# incident log is kept by staff; a broadcast is sent and withdrawn by a member of the event's
# organizer or staff (the event is the one in the page address). Typing the message, choosing
# groups and going to the broadcast page of a typed event touch only the caller's own tab.
_add("staff.emergency_plans.EmergencyPlansState", "public", setvar=("locale", "en"))
_add("staff.emergency_plans.EmergencyPlansState", "role:staff", load=())
_add("staff.emergency_plan.EmergencyPlanState", "public", setvar=("locale", "en"))
_add("staff.emergency_plan.EmergencyPlanState", "role:staff", load=())
_add("staff.emergency_plan.EmergencyPlanState", "role:admin",
     save=({"title": "Forged", "body": "Forged.", "note": ""},))
_add("staff.incidents.IncidentsState", "public", setvar=("locale", "en"),
     go_broadcast=({"event": "1"},))
_add("staff.incidents.IncidentsState", "role:staff",
     **{**TABLE_EVENTS, "sort_by": ("happened_at",), "search_for": ("rain",),
        "filter_by": ("status", "open")},
     open_incident=({"title": "Forged", "description": "Forged.", "event_id": "1"},))
_add("staff.incident.IncidentState", "public", setvar=("locale", "en"), keep_note=("forged",))
_add("staff.incident.IncidentState", "role:staff", load=(), add_action=(), close=())
_add("organizer.broadcast.BroadcastState", "public", setvar=("locale", "en"),
     keep_message=("forged",), toggle_audience=("pending", False))
_add("organizer.broadcast.BroadcastState", "signed-in", load=(), send=(), withdraw=("1",))
# The platform rules and the safety guide: the public page, accepting them (the caller's own
# account), administrators publishing, staff seeing who confirmed the guide.
_add("public.rules.RulesState", "public", setvar=("locale", "en"), load=())
_add("public.rules_accept.RulesAcceptState", "public", setvar=("locale", "en"))
_add("public.rules_accept.RulesAcceptState", "signed-in", load=(), accept=())
_add("organizer.safety_guide.SafetyGuideState", "public", setvar=("locale", "en"))
_add("organizer.safety_guide.SafetyGuideState", "signed-in", load=(), confirm=())
_add("staff.texts.PlatformTextsState", "public", setvar=("locale", "en"),
     keep_body=("# Forged rules\n\nEverything is allowed now.",))
_add("staff.texts.PlatformTextsState", "role:admin", load=(), choose=("safety_guide",),
     preview=(), publish=())
_add("staff.safety_readers.SafetyReadersState", "public", setvar=("locale", "en"))
_add("staff.safety_readers.SafetyReadersState", "role:staff", load=())
