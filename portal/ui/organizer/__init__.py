"""Pages of the organizer area, one module per screen."""
