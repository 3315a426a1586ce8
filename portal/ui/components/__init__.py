"""Shared building blocks: every screen uses these instead of styling its own."""
