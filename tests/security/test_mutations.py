"""The suite can fail: switching off any service-level access guard makes a security case
fail. Runs in-process; each guard runs only the refusal cases that reach it."""

from __future__ import annotations

import time

from tests.security.all_specs import SPECS
from tests.security.cases import Spec, attempt, reach
from tests.security.guards import bypasses, guard_sites, recording, switched_off


def test_guards_are_found():
    keys = {(s.module.rsplit(".", 1)[1], s.function, s.policy) for s in guard_sites()}
    # a few we know must be there: if the scan misses these it misses others
    assert {("event_review", "decide_event", "can_act_in_area"),
            ("organizers", "decide", "can_act_in_area"),
            ("event_changes", "_require_reviewer", "can_act_in_area"),
            ("admin_users", "_require_admin", "can_manage_users"),
            ("event_access", "own_event", "is_member_of")} <= keys


def test_services_check_roles_only_through_policies():
    assert bypasses() == [], "use a can_*/is_* policy so the mutation check covers the guard"


def _reach(spec: Spec, caller: str, callers, world, engine) -> list[str]:
    try:
        return attempt(spec, caller, callers, world, engine)
    except Exception as error:  # noqa: BLE001  (a crash also fails the security case)
        return [f"{caller} crashed {spec.label}: {error!r:.200}"]


def test_switching_off_any_guard_fails_a_security_case(demo_engine, callers, world):
    started = time.perf_counter()
    sites = guard_sites()
    # signed-in wrong callers first: a breach shows as changed or shown data, not as a crash
    cases = sorted((case for spec in SPECS for case in spec.cases()),
                   key=lambda case: case[1] in ("anonymous", "suspended"))
    reaching: dict[tuple, list] = {site.key: [] for site in sites}
    for spec, caller in cases:
        with recording(sites) as reached:
            reach(spec, callers[caller], world)
        for key in reached & reaching.keys():
            reaching[key].append((spec, caller))
    recorded = time.perf_counter() - started
    uncovered = [str(s) for s in sites if not reaching[s.key]]
    assert uncovered == [], f"no security case reaches these guards: {uncovered}"
    survivors = []
    for site in sites:
        with switched_off(site):
            caught = next((found for spec, caller in reaching[site.key]
                           if (found := _reach(spec, caller, callers, world, demo_engine))),
                          None)
        print(site, "->", (caught or ["NOT CAUGHT"])[0][:120])
        if caught is None:
            survivors.append(f"{site} ({len(reaching[site.key])} cases ran)")
    print(f"\n{len(sites)} guards, {len(cases)} cases, {time.perf_counter() - started:.1f} s "
          f"({recorded:.1f} s finding which cases reach which guard)")
    assert survivors == [], f"switched off, these guards left every security case green: " \
                            f"{survivors}"
