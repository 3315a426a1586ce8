"""Each protected handler, aimed at a target the right caller CAN change: the right caller
does change it (so a refusal below proves a guard, not a dead target), and everyone else
changes nothing and is shown nothing."""

from __future__ import annotations

import pytest

from tests.security.all_specs import SPECS
from tests.security.cases import attempt, control
from tests.security.registry import HANDLERS

CASES = [case for spec in SPECS for case in spec.cases()]


@pytest.mark.parametrize(("spec", "caller"), CASES,
                         ids=[f"{s.label}-{c}" for s, c in CASES])
def test_wrong_callers_change_nothing_and_see_nothing(demo_engine, callers, world, spec,
                                                      caller):
    assert attempt(spec, caller, callers, world, demo_engine) == []


@pytest.mark.parametrize("spec", [s for s in SPECS if s.right],
                         ids=[s.label for s in SPECS if s.right])
def test_the_right_caller_does_change_the_target(demo_engine, callers, world, spec):
    assert control(spec, callers, world) == []


def test_specs_name_real_handlers():
    assert {s.name for s in SPECS if not s.name.startswith("service:")} - HANDLERS.keys() == set()
