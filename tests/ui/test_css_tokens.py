"""GIR's look comes from the theme's design tokens, so a municipality's own theme changes all of it."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")
# The letter sheet is printed by the PDF renderer, which has no theme: black on white paper.
NOT_THEMED = {"letters/static/letters/letter.css"}


def _gir_css() -> list[Path]:
    skip = ("node_modules", ".venv", "staticfiles")
    return [p for p in ROOT.rglob("*.css") if not any(part in p.parts for part in skip)]


def test_the_check_finds_the_stylesheets():
    names = {p.relative_to(ROOT).as_posix() for p in _gir_css()}
    assert "static/gir/css/app.css" in names
    assert "incidents/static/incidents/incidents.css" in names


def test_gir_css_has_no_hard_coded_hex_colours():
    found = []
    for path in _gir_css():
        rel = path.relative_to(ROOT).as_posix()
        if rel in NOT_THEMED:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if HEX.search(line):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, "Use a design token (var(--basis-...)) instead of:\n" + "\n".join(found)


def test_the_theme_fonts_are_self_hosted():
    fonts = (ROOT / "static/gir/css/fonts.css").read_text()
    assert "https://" not in fonts and "//fonts." not in fonts
    for url in re.findall(r'url\("\.\./\.\./vendor/fonts/([^"]+)"\)', fonts):
        package, name = url.split("/", 1)
        assert (ROOT / "node_modules/@fontsource" / package / "files" / name).exists(), url
