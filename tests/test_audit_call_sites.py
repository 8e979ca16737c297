"""Every audit description the code writes is one of ``gir.audit_texts`` (issue 12: an audit log
people can read). ``audit_log``/``log_view`` accept any string, so a hand-built f-string would be
stored as is and shown untranslated; this scan finds such a call site before it ships. The
permission matrix (``tests/test_permission_matrix.py``) checks the rows the pages really write."""

import ast
from pathlib import Path

from gir import audit_texts

ROOT = Path(__file__).resolve().parents[1]
APPS = ["gir", "incidents", "sanctions", "aftercare", "letters", "reports", "privacy"]
# Function -> index of its positional ``description`` argument (None: keyword only).
LOGGERS = {
    "audit_log": None,
    "log_change": None,
    "save_form_audited": None,
    "log_view": 2,
    "log_download": 2,
    "log_views": 2,
}
KNOWN = {name for name, value in vars(audit_texts).items() if isinstance(value, audit_texts.AuditText)}


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_audit_text(node) -> bool:
    """``texts.NAME(...)`` (or ``NAME(...)``) where NAME is an ``AuditText``; for ``log_views`` a lambda
    returning one; a conditional between two of them."""
    if isinstance(node, ast.Lambda):
        return _is_audit_text(node.body)
    if isinstance(node, ast.IfExp):
        return _is_audit_text(node.body) and _is_audit_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.IfExp):  # (A if x else B)(...)
        return {_name(node.func.body), _name(node.func.orelse)} <= KNOWN
    return isinstance(node, ast.Call) and _name(node.func) in KNOWN


def _description(call: ast.Call, position):
    for keyword in call.keywords:
        if keyword.arg == "description":
            return keyword.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def _offenders(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call) or _name(node.func) not in LOGGERS:
            continue
        value = _description(node, LOGGERS[_name(node.func)])
        if value is None or _is_audit_text(value):
            continue
        # gir/audit.py passes its own ``description`` parameter on.
        if path.name == "audit.py" and isinstance(value, ast.Name) and value.id == "description":
            continue
        found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(value)[:60]}")
    return found


def test_every_call_site_writes_a_known_description():
    offenders = [line for path in _sources() for line in _offenders(path)]
    assert offenders == [], "audit descriptions not from gir/audit_texts.py:\n" + "\n".join(offenders)


def test_the_scan_sees_the_call_sites():
    calls = sum(
        isinstance(node, ast.Call) and _name(node.func) in LOGGERS
        for path in _sources()
        for node in ast.walk(ast.parse(path.read_text()))
    )
    assert calls > 50


def test_the_scan_catches_a_hand_built_description(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        'log_view(request, person, f"dader {person.pk}")\n'
        'audit_log(action="view", description="iets")\n'
        "log_views(request, rows, lambda pk: texts.AGGRESSOR_VIEWED(pk=pk))\n"
    )
    assert len(_offenders(bad, root=tmp_path)) == 2


def test_every_known_description_is_recognised_when_stored():
    for name in KNOWN:
        text = getattr(audit_texts, name)
        values = {key: "7" for key in audit_texts._PLACEHOLDER.findall(text.msgid)}
        found = audit_texts.match(text(**values))
        assert found is not None and found[0].msgid == text.msgid, name
