"""The user interface: the only package (besides portal/portal.py) that imports reflex."""
