"""Pages of the attendee area, one module per screen."""
