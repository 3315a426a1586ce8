"""Pages of the public area, one module per screen."""
