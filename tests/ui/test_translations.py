"""No text shown to users is left outside the translation machinery.

Scans every template for text (and alt/title/aria-label/placeholder values) that is not inside
``{% translate %}`` or ``{% blocktranslate %}``. A new literal makes this test fail; the few
words that are the same in every language are listed below.
"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The benchmark's peer pages are measuring instruments, never shown to users.
SKIP_DIRS = {"node_modules", ".venv", "staticfiles", "tests", "benchmark"}
# Text that is not language: codes, units and names.
ALLOWED = {"GIR", "SHA-256", "PDF", "CSV", "XLSX", "ODS", "VPT", "ICS", "AVG", "BIO", "WCAG", "OK"}
# E-mail and letter templates are Dutch documents rendered for one municipality; the letter body
# is the municipality's own text (letter templates in the database).
# The 500 page is plain HTML on purpose: it must render when the translation machinery is what failed.
SKIP_TEMPLATES = {
    "registration/password_reset_email.html",
    "registration/password_reset_subject.txt",
    "letters/document.html",
    "templates/500.html",
}

BLOCK = re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S)
COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|<!--.*?-->", re.S)
CODE = re.compile(r"<(script|style)\b.*?</\1>", re.S)
VERBATIM = re.compile(r"{%\s*verbatim\s*%}.*?{%\s*endverbatim\s*%}", re.S)
TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
ATTRIBUTE = re.compile(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"')
HTML = re.compile(r"<[^>]*>", re.S)
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _templates():
    for path in ROOT.rglob("templates/**/*"):
        if path.is_file() and path.suffix in {".html", ".txt"} and not SKIP_DIRS & set(path.parts):
            yield path


def _untranslated(source: str) -> list[str]:
    for pattern in (BLOCK, COMMENT, CODE, VERBATIM):
        source = pattern.sub(" ", source)
    found = [value for value in ATTRIBUTE.findall(source) if WORD.search(TAG.sub("", value))]
    text = HTML.sub(" ", TAG.sub(" ", source))
    for chunk in re.split(r"\s{2,}|\n", text):
        chunk = chunk.strip(" ·–-:,.()|/")
        if WORD.search(chunk) and chunk not in ALLOWED:
            found.append(chunk)
    return found


def test_the_scan_finds_a_literal():
    assert _untranslated("<p>Hallo wereld</p>") == ["Hallo wereld"]
    assert _untranslated('<img alt="Foto">') == ["Foto"]
    assert (
        _untranslated(
            '<p>{% translate "Hallo" %} {{ name }}</p><p>{% blocktranslate %}x y{% endblocktranslate %}</p>'
        )
        == []
    )


def test_no_template_shows_untranslated_text():
    problems = []
    for path in _templates():
        relative = path.relative_to(ROOT).as_posix()
        if any(relative.endswith(skip) for skip in SKIP_TEMPLATES):
            continue
        problems += [f"{relative}: {text!r}" for text in _untranslated(path.read_text())]
    assert not problems, "Wrap these in {% translate %}:\n" + "\n".join(problems)
