"""Where sign-in sends a person back to: a path on this site only."""

from __future__ import annotations

import pytest

from portal.services.sessions import safe_next


@pytest.mark.parametrize("target", ["/register?id=3", "/me/profile", "/event?id=7#fees"])
def test_paths_on_this_site_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example",
    "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", " //evil.example",
    "javascript:alert(1)", "register", "", None, "/" + "x" * 600, "/\x00", "/\u2028/x"])
def test_anything_else_goes_to_the_default(target):
    assert safe_next(target, default="/me") == "/me"
