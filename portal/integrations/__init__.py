"""Adapters behind the ports services define: email, payments, sign-in providers."""
