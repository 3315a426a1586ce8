"""The import rules of ARCHITECTURE.md: arrows point down, and SDKs stay in their adapters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parent.parent / "portal"
SDKS = ("reflex", "stripe", "sendgrid", "authlib")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def top(module: str) -> str:
    return module.split(".")[0]


def python_files(*parts: str) -> list[Path]:
    return sorted(PORTAL.joinpath(*parts).rglob("*.py"))


@pytest.mark.parametrize("layer", ["domain", "services"])
def test_domain_and_services_import_no_ui_and_no_sdk(layer):
    offenders = {
        str(path.relative_to(PORTAL)): sorted(m for m in imported_modules(path) if top(m) in SDKS)
        for path in python_files(layer)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_only_the_ui_and_the_app_module_import_reflex():
    allowed = {PORTAL / "portal.py"}
    offenders = [
        str(path.relative_to(PORTAL))
        for path in python_files()
        if path not in allowed
        and PORTAL / "ui" not in path.parents
        and any(top(m) == "reflex" for m in imported_modules(path))
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", ["domain", "services"])
def test_lower_layers_do_not_reach_up(layer):
    upward = ("portal.ui", "portal.web", "portal.integrations", "portal.wiring", "portal.portal")
    offenders = {
        str(path.relative_to(PORTAL)): sorted(
            m for m in imported_modules(path) if m.startswith(upward)
        )
        for path in python_files(layer)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_checker_sees_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import stripe\nfrom reflex.vars import Var\nfrom . import sibling\n")
    assert imported_modules(sample) == {"stripe", "reflex.vars"}
