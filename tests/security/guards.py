"""The service-level access guards, found in the source: every call of a `can_*` / `is_*`
policy (portal/domain/policies.py) from a function of portal/services. Each call site can be
switched off (made to answer True for that caller only) to prove some security case notices."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import portal.services
from portal.domain import policies

POLICIES = frozenset(name for name, value in vars(policies).items()
                     if name.startswith(("can_", "is_")) and inspect.isfunction(value))
# Role and scope read straight off the actor would bypass the policies (and this check).
INLINE_ROLE_CHECKS = frozenset({"is_admin", "is_staff", "staff_areas", "roles", "organizer_ids"})


@dataclass(frozen=True)
class Site:
    module: str    # portal.services.<name>
    function: str  # the function that calls the policy
    policy: str    # the name the module looks the policy up by
    line: int

    def __str__(self) -> str:
        return f"{self.module}.{self.function} -> {self.policy} (line {self.line})"

    @property
    def key(self) -> tuple[str, str, str]:
        return self.module, self.function, self.policy


def service_modules() -> Iterator[tuple[str, ast.Module]]:
    for info in pkgutil.iter_modules(portal.services.__path__):
        name = f"portal.services.{info.name}"
        yield name, ast.parse(inspect.getsource(importlib.import_module(name)))


def _imported_policies(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "portal.domain.policies":
            for alias in node.names:
                if alias.name in POLICIES:
                    found[alias.asname or alias.name] = alias.name
    return found


def _calls(node: ast.AST, function: str, names: dict[str, str]
           ) -> Iterator[tuple[str, str, int]]:
    """(enclosing function, policy name, line) for each policy call under `node`."""
    for child in ast.iter_child_nodes(node):
        inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            else function
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) \
                and child.func.id in names and function:
            yield function, child.func.id, child.lineno
        yield from _calls(child, inner, names)


def guard_sites() -> list[Site]:
    sites = {Site(module, function, policy, line)
             for module, tree in service_modules()
             for function, policy, line in _calls(tree, "", _imported_policies(tree))}
    return sorted(sites, key=lambda s: (s.module, s.line))


def bypasses() -> list[str]:
    """Places in services that check roles or scope without a policy function."""
    found = []
    for module, tree in service_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in INLINE_ROLE_CHECKS \
                    and isinstance(node.value, ast.Name) and node.value.id == "actor":
                found.append(f"{module} line {node.lineno}: .{node.attr}")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "policies":
                found.append(f"{module} line {node.lineno}: policies.{node.attr}")
    return found


def _caller(depth: int = 2):
    return sys._getframe(depth).f_code


@contextmanager
def recording(sites: list[Site]) -> Iterator[set[tuple[str, str, str]]]:
    """Record which guard sites run (use-case threads included)."""
    reached: set[tuple[str, str, str]] = set()
    lock = threading.Lock()
    patched = []
    for module_name, policy in {(s.module, s.policy) for s in sites}:
        module = importlib.import_module(module_name)
        original = getattr(module, policy)

        def recorder(*args, _m=module, _p=policy, _o=original, **kwargs):
            code = _caller()
            if code.co_filename == _m.__file__:
                with lock:
                    reached.add((_m.__name__, code.co_name, _p))
            return _o(*args, **kwargs)

        setattr(module, policy, recorder)
        patched.append((module, policy, original))
    try:
        yield reached
    finally:
        for module, policy, original in patched:
            setattr(module, policy, original)


@contextmanager
def switched_off(site: Site) -> Iterator[None]:
    """The guard at `site` answers True; every other use of the policy is untouched."""
    module = importlib.import_module(site.module)
    original = getattr(module, site.policy)

    def mutant(*args, **kwargs):
        code = _caller()
        if code.co_filename == module.__file__ and code.co_name == site.function:
            return True
        return original(*args, **kwargs)

    setattr(module, site.policy, mutant)
    try:
        yield
    finally:
        setattr(module, site.policy, original)
