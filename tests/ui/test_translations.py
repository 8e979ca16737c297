"""No text shown to users is left outside the translation machinery.

Scans every template for text (and alt/title/aria-label/placeholder values) that is not inside
``{% translate %}`` or ``{% blocktranslate %}``. A new literal makes this test fail; the few
words that are the same in every language are listed below.
"""

import ast
import gettext as gettext_module
import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

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


# --- Python: texts passed to messages, errors and labels --------------------------------------

# Python modules that never show text to users: schema changes, console commands, demo data.
PY_SKIP_DIRS = SKIP_DIRS | {"migrations", "management"}
# Arguments and keywords whose text reaches a page, a message, an export's sheet or a form.
SHOWN_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "title",
    "intro",
    "submit_label",
    "empty_label",
    "done",
    "required_message",
}
MESSAGE_LEVELS = {"success", "info", "warning", "error", "debug"}
RAISED_TO_USERS = {"ValidationError", "RuleViolation"}  # PermissionDenied's text is never shown


def _literal(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its fixed parts are text too
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return None


def _python_untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal handed straight to a user-facing argument, not via gettext."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
        shown = [kw.value for kw in node.keywords if kw.arg in SHOWN_KEYWORDS]
        if owner == "messages" and name in MESSAGE_LEVELS and len(node.args) >= 2:
            shown.append(node.args[1])
        if name in RAISED_TO_USERS and node.args:
            shown.append(node.args[0])
        for value in shown:
            text = _literal(value)
            if text is not None and WORD.search(text) and text.strip() not in ALLOWED:
                found.append((node.lineno, text))
    return found


def test_the_python_scan_finds_a_literal():
    source = (
        'messages.success(request, "Opgeslagen")\n'
        'messages.success(request, _("Opgeslagen"))\n'
        'raise ValidationError(f"Fout in {x}")\n'
        'forms.CharField(label="Naam", max_length=3)\n'
        'forms.CharField(label=_("Naam"))\n'
        'raise PermissionDenied("for developers")\n'
    )
    assert [text for _line, text in _python_untranslated(source)] == ["Opgeslagen", "Fout in ", "Naam"]


def test_no_python_module_shows_untranslated_text():
    problems = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if PY_SKIP_DIRS & set(relative.parts) or "demo" in path.stem:
            continue
        problems += [f"{relative}:{line}: {text!r}" for line, text in _python_untranslated(path.read_text())]
    assert not problems, "Wrap these in gettext (_):\n" + "\n".join(problems)


# --- Catalogues: GIR's own .po, its compiled .mo, and the gaps in Django's Dutch catalogue -------

LOCALE = ROOT / "locale" / "nl" / "LC_MESSAGES"
# Django messages GIR's forms can show: field and validator errors, the password forms and rules.
SHOWN_FROM = re.compile(r"forms/|core/validators|auth/(forms|password_validation|validators)")
# Not language: IP-address names and punctuation appended to labels.
SAME_IN_DUTCH = {"IPv4", "IPv6", ":?.!", ":"}


def _po_entries(path: Path) -> list[dict]:
    """Entries of a .po file: id, plural, strings (msgstr / msgstr[n]), flags, references."""
    entries, entry, key = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if "id" in entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line[2:]
        elif line.startswith("#:"):
            entry["refs"] = entry.get("refs", "") + line[2:]
        elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            word, value = line.split(" ", 1)
            key = {"msgctxt": "context", "msgid": "id", "msgid_plural": "plural"}.get(word, word)
            entry[key] = ast.literal_eval(value)
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    return entries


def _translated(entry: dict) -> str:
    if "context" in entry:
        return pgettext(entry["context"], entry["id"])
    if "plural" in entry:
        return ngettext(entry["id"], entry["plural"], 2)
    return gettext(entry["id"])


def test_gir_catalogue_has_no_empty_or_fuzzy_entry():
    entries = [entry for entry in _po_entries(LOCALE / "django.po") if entry["id"]]
    assert entries, "the catalogue is empty"
    empty = [e["id"] for e in entries if not all(v for k, v in e.items() if k.startswith("msgstr"))]
    fuzzy = [e["id"] for e in entries if "fuzzy" in e.get("flags", "")]
    assert not empty, f"Fill in msgstr for: {empty}"
    assert not fuzzy, f"Check and un-fuzzy: {fuzzy}"


def test_the_compiled_catalogue_is_current():
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)
    for entry in _po_entries(LOCALE / "django.po"):
        if not entry["id"]:
            continue
        if "plural" in entry:
            got = [compiled.ngettext(entry["id"], entry["plural"], n) for n in (1, 2)]
            assert got == [entry["msgstr[0]"], entry["msgstr[1]"]], "Run manage.py compilemessages"
        else:
            assert compiled.gettext(entry["id"]) == entry["msgstr"], "Run manage.py compilemessages"


def test_every_django_message_gir_forms_can_show_is_dutch():
    """A Django upgrade that changes an English message leaves the Dutch catalogue behind (Django
    5.2's "too short" password rule did): add the new message to GIR's catalogue."""
    source = Path(django.__file__).parent
    catalogues = [
        source / "conf/locale/en/LC_MESSAGES/django.po",
        source / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    ]
    missing = []
    with translation.override("nl"):
        for entry in (e for po in catalogues for e in _po_entries(po)):
            shown = SHOWN_FROM.search(entry.get("refs", "")) and entry["id"] not in SAME_IN_DUTCH
            if entry["id"] and shown and _translated(entry) in (entry["id"], entry.get("plural")):
                missing.append(entry["id"])
    assert not missing, "Add a Dutch msgstr to locale/nl/LC_MESSAGES/django.po for:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_every_password_rule_speaks_dutch():
    from django.contrib.auth.forms import SetPasswordForm

    from tests.factories import UserFactory

    user = UserFactory(username="pietjansen", first_name="Piet", last_name="Jansen")
    english = re.compile(r"\b(password|this|too|must|common|numeric|characters?)\b", re.I)
    messages = []
    with translation.override("nl"):
        for password in ("kort", "123456789012345", "password1234", "pietjansen123"):
            form = SetPasswordForm(user, {"new_password1": password, "new_password2": password})
            assert not form.is_valid()
            messages += form.errors["new_password2"]
        mismatch = SetPasswordForm(user, {"new_password1": "Lang-genoeg-2026!", "new_password2": "anders"})
        messages += mismatch.errors["new_password2"] if not mismatch.is_valid() else []
        messages += [str(text) for text in password_validators_help_texts()]
    assert "Dit wachtwoord is te kort. Het moet minstens 12 tekens hebben." in messages
    assert not [message for message in messages if english.search(message)], messages
