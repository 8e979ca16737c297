"""Django's ``{# ... #}`` comment ends on its own line: one spread over two lines is printed on
the page, words and all (it happened on the reception list). Longer notes use ``{% comment %}``."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _templates():
    for path in ROOT.glob("*/templates/**/*.html"):
        if ".venv" not in path.parts and "node_modules" not in path.parts:
            yield path


def test_no_template_comment_runs_over_a_line():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert list(_templates()), "no templates found"
    assert found == []
