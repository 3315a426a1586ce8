"""Event Portal: an event platform for attendees, organizers and staff."""
