"""The declared lists the staff filters offer are complete: every audit action and object kind
the services write, every email template on disk. Found by reading the source, so a new
`audit.record(...)` or template folder fails here until it is declared (and labelled)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from portal.domain.enums import AuditAction, AuditObjectKind, EmailTemplate

PORTAL = Path(__file__).resolve().parents[2] / "portal"
SCANNED = sorted((PORTAL / "services").glob("*.py")) + sorted((PORTAL / "web").glob("*.py"))
SKIPPED = {PORTAL / "services" / "audit.py"}  # defines record(); writes no action of its own


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _values(expr: ast.expr, function: ast.FunctionDef | ast.AsyncFunctionDef, where: str):
    """What an `action=` / `object_type=` argument can be: literals, or a pattern for an
    f-string; a local name is followed to the literals assigned to it; a parameter is checked
    where its callers pass it."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        yield expr.value, where
    elif isinstance(expr, ast.JoinedStr):
        pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant) else "[a-z_]+"
                          for part in expr.values)
        yield re.compile(pattern), where
    elif isinstance(expr, ast.IfExp):
        yield from _values(expr.body, function, where)
        yield from _values(expr.orelse, function, where)
    elif isinstance(expr, ast.Name):
        params = {a.arg for a in (*function.args.args, *function.args.kwonlyargs)}
        if expr.id in params:
            return
        assigned = [node.value for node in ast.walk(function) if isinstance(node, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == expr.id for t in node.targets)]
        assert assigned, f"{where}: cannot tell what {expr.id} holds"
        for value in assigned:
            yield from _values(value, function, where)
    else:
        raise AssertionError(f"{where}: write the value as a literal the test can read")


def _builds_a_model(call: ast.Call) -> bool:
    """`CallToAction(action=...)` builds a view whose field happens to share the name."""
    return isinstance(call.func, ast.Name) and call.func.id[:1].isupper()


def written(keyword: str) -> list[tuple[str | re.Pattern, str]]:
    found = []
    for path in SCANNED:
        if path in SKIPPED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in _functions(tree):
            for call in ast.walk(function):
                if not isinstance(call, ast.Call) or _builds_a_model(call):
                    continue
                for arg in call.keywords:
                    if arg.arg == keyword:
                        where = f"{path.relative_to(PORTAL.parent)}:{call.lineno}"
                        found.extend(_values(arg.value, function, where))
    return found


def _undeclared(values, declared: set[str]) -> list[str]:
    missing = []
    for value, where in values:
        if isinstance(value, str) and value not in declared:
            missing.append(f"{where}: {value}")
        if isinstance(value, re.Pattern) and not any(value.fullmatch(d) for d in declared):
            missing.append(f"{where}: {value.pattern}")
    return missing


def test_the_scan_finds_literal_and_built_actions():
    values = written("action")
    literals = {v for v, _ in values if isinstance(v, str)}
    assert {"sign_in.failed", "email.resent", "user.identity_linked",
            "user.role_revoked"} <= literals
    assert sum(isinstance(v, re.Pattern) for v, _ in values) >= 5
    assert _undeclared([("event.forged", "x"), (re.compile("nothing\\.[a-z_]+"), "y")],
                       set(AuditAction)) == ["x: event.forged", "y: nothing\\.[a-z_]+"]


def test_every_action_the_services_write_is_declared():
    assert _undeclared(written("action"), set(AuditAction)) == []


def test_every_built_action_is_declared_for_each_value():
    from portal.domain.enums import (
        DECISION_OUTCOMES,
        ChangeRequestKind,
        ReviewDecision,
        UserStatus,
    )

    built = {f"event.{d}" for d in ReviewDecision}
    built |= {f"event.{k}_requested" for k in ChangeRequestKind}
    built |= {f"event.{k}_{o}" for k in ChangeRequestKind for o in DECISION_OUTCOMES.values()}
    built |= {"organizer.approve", "organizer.reject", "organizer.request_documents"}
    built |= {f"user.{s}" for s in (UserStatus.SUSPENDED, UserStatus.ACTIVE)}
    assert built <= set(AuditAction)


def test_every_object_kind_the_services_write_is_declared():
    assert _undeclared(written("object_type"), set(AuditObjectKind)) == []


def test_every_email_template_folder_is_declared_and_nothing_else():
    folders = {p.name for p in (PORTAL / "templates" / "email").iterdir() if p.is_dir()}
    assert folders == set(EmailTemplate)
