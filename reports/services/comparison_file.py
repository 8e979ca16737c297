"""Reading an uploaded gir-kerncijfers file (JSON or CSV) of another organisation, refusing hostile ones.

Pure: no database. ``read_kerncijfers`` returns the validated figures or raises
``ComparisonFileError`` with one plain-Dutch message that says what is wrong. Checks, in order:
size (``MAX_BYTES``), UTF-8 text, JSON (no NaN/Infinity, no repeated keys, not nested without
end) or the export's CSV layout, the published JSON Schema (``docs/schema/...``: format and
version, no unknown fields, bounded numbers, at most 20 sections of 60 figures, the organisation's
name without formula signs or HTML), and then what a schema cannot say: only the codes GIR knows
per section, no section or figure twice, counts are whole numbers, percentages at most 100, a
hidden figure has no value, the year is not in the future.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incidents.constants import AggressionForm, LocationType
from reports.services.kerncijfers import CONSEQUENCES, DEADLINES, SCHEMA_PATH
from sanctions.constants import MeasureType

MAX_BYTES = 1024 * 1024  # an export is a few kB; 1 MB leaves room for any honest file
CODE = re.compile(r"^[a-z0-9_]{1,60}$")
CSV_HEAD = ["formaat", "versie", "organisatie", "jaar"]
CSV_COLUMNS = ["sectie", "cijfer", "waarde", "verborgen"]
CSV_MAX_ROWS = 3 + 20 * 60
PERCENT_SECTIONS = {"termijnen"}
AMOUNT_FIGURES = {"schade_eigen_bedrag", "schade_gemeente_bedrag"}


class ComparisonFileError(ValueError):
    """The file is refused; ``str()`` is the Dutch message for the form."""


def known_codes() -> dict[str, list[str]]:
    """The figure codes GIR knows per section, in report order."""
    return {
        "totaal": ["incidenten"],
        "vorm": [c.value for c in AggressionForm],
        "soort_plek": [c.value for c in LocationType],
        "gevolgen": list(CONSEQUENCES),
        "maatregelen": [c.value for c in MeasureType],
        "termijnen": list(DEADLINES),
    }


@functools.cache
def _validator():
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def read_kerncijfers(content: bytes, filename: str = "") -> tuple[dict, str]:
    """``(figures, "json" or "csv")`` from an uploaded file, or ``ComparisonFileError``."""
    if len(content) > MAX_BYTES:
        raise ComparisonFileError(_("Het bestand is te groot. Een kerncijferbestand is hoogstens 1 MB."))
    text = _text(content)
    kind = _kind(text, filename)
    data = _parse_json(text) if kind == "json" else _parse_csv(text)
    _check_schema(data)
    _check_contents(data)
    return data, kind


def _text(content: bytes) -> str:
    if not content.strip():
        raise ComparisonFileError(_("Het bestand is leeg."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ComparisonFileError(
            _("Het bestand is geen tekstbestand in UTF-8. Kies het JSON- of CSV-bestand met kerncijfers.")
        ) from None
    if "\x00" in text:
        raise ComparisonFileError(_("Het bestand bevat tekens die niet in een kerncijferbestand horen."))
    return text


def _kind(text: str, filename: str) -> str:
    start = text.lstrip()[:20].lower()
    if start.startswith("{") or filename.lower().endswith(".json"):
        return "json"
    if start.startswith("formaat;") or filename.lower().endswith(".csv"):
        return "csv"
    raise ComparisonFileError(
        _("Dit is geen kerncijferbestand. Kies een JSON- of CSV-bestand in het formaat gir-kerncijfers 1.0.")
    )


def _no_repeats(pairs: list[tuple[str, object]]) -> dict:
    seen = set()
    for key, _value in pairs:
        if key in seen:
            shown = f"“{key}”" if CODE.match(key) else _("een veld")
            raise ComparisonFileError(
                _("In het bestand staat %(field)s twee keer op dezelfde plaats. Elk veld mag maar één keer.")
                % {"field": shown}
            )
        seen.add(key)
    return dict(pairs)


def _not_a_number(name: str):
    raise ComparisonFileError(
        _("Het bestand bevat een waarde die geen gewoon getal is (%(name)s).") % {"name": name[:10]}
    )


def _parse_json(text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_no_repeats, parse_constant=_not_a_number)
    except ComparisonFileError:
        raise
    except RecursionError:
        raise ComparisonFileError(
            _("Het bestand is te diep genest. Dit is geen kerncijferbestand.")
        ) from None
    except json.JSONDecodeError as exc:
        raise ComparisonFileError(
            _("Het bestand is geen geldig JSON-bestand (fout op regel %(line)s).") % {"line": exc.lineno}
        ) from None
    except ValueError:  # an integer of thousands of digits
        raise ComparisonFileError(_("Het bestand bevat een getal dat veel te groot is.")) from None


def _csv_number(raw: str, line: int):
    if raw == "":
        return None
    if re.fullmatch(r"\d{1,9}", raw):
        return int(raw)
    if re.fullmatch(r"\d{1,9}\.\d{1,4}", raw):
        return float(raw)
    raise ComparisonFileError(
        _("Regel %(line)s: de waarde is geen getal van 0 of meer (of te groot).") % {"line": line}
    )


def _csv_rows(text: str) -> list[list[str]]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    except csv.Error:
        raise ComparisonFileError(_("Het CSV-bestand kan niet worden gelezen.")) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) > CSV_MAX_ROWS:
        raise ComparisonFileError(_("Het CSV-bestand heeft te veel regels voor een kerncijferbestand."))
    if len(rows) < 3 or rows[0] not in (CSV_HEAD, [*CSV_HEAD, "medewerkers"]) or rows[2] != CSV_COLUMNS:
        raise ComparisonFileError(
            _("Het CSV-bestand heeft niet de indeling van een kerncijferbestand (gir-kerncijfers 1.0).")
        )
    return rows


def _csv_head(rows: list[list[str]]) -> dict:
    head = dict(zip(rows[0], rows[1], strict=False))
    if len(rows[1]) != len(rows[0]):
        raise ComparisonFileError(_("Regel 2 van het CSV-bestand heeft niet het goede aantal kolommen."))
    data = {"format": head["formaat"], "version": head["versie"], "organisation": head["organisatie"]}
    data["year"] = _csv_number(head["jaar"], 2)
    if "medewerkers" in head:
        data["employees"] = _csv_number(head["medewerkers"], 2)
    return data


def _parse_csv(text: str) -> dict:
    rows = _csv_rows(text)
    data = _csv_head(rows)
    sections: dict[str, list[dict]] = {}
    for line, row in enumerate(rows[3:], start=4):
        if len(row) != 4 or row[3] not in ("0", "1"):
            raise ComparisonFileError(_("Regel %(line)s van het CSV-bestand klopt niet.") % {"line": line})
        section, key, value, hidden = row
        figure = {"key": key, "value": _csv_number(value, line), "hidden": hidden == "1"}
        sections.setdefault(section, []).append(figure)
    if len(sections) > 20:
        raise ComparisonFileError(_("Het CSV-bestand heeft te veel secties."))
    data["sections"] = [{"key": key, "figures": figures} for key, figures in sections.items()]
    return data


SCHEMA_MESSAGES = {
    "additionalProperties": gettext_lazy("er staat een veld in dat het formaat niet kent"),
    "required": gettext_lazy("er ontbreekt een verplicht veld"),
    "maximum": gettext_lazy("een getal is te groot"),
    "minimum": gettext_lazy(
        "een getal is te klein (kleiner dan 0, of een jaar of aantal medewerkers dat niet kan)"
    ),
    "type": gettext_lazy("een waarde is van de verkeerde soort (bijvoorbeeld tekst waar een getal hoort)"),
    "pattern": gettext_lazy(
        "een tekst bevat tekens die niet mogen (zoals = + - @ aan het begin, of < en >), "
        "of een code is onbekend"
    ),
    "maxLength": gettext_lazy("een tekst is te lang"),
    "minLength": gettext_lazy("een tekst is leeg"),
    "maxItems": gettext_lazy("een lijst is te lang"),
    "enum": gettext_lazy("er staat een sectie in die het formaat niet kent"),
}


def _check_schema(data: object) -> None:
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = errors[0]
    if error.validator == "const" or not isinstance(data, dict):
        raise ComparisonFileError(
            _("Dit is geen kerncijferbestand in het formaat gir-kerncijfers versie 1.0.")
        )
    what = SCHEMA_MESSAGES.get(error.validator, _("het bestand volgt het schema niet"))
    raise ComparisonFileError(
        _("Het bestand past niet bij het formaat gir-kerncijfers 1.0: %(what)s (bij %(where)s).")
        % {"what": what, "where": _where(error.absolute_path)}
    )


FIELD_NAMES = {
    "format": gettext_lazy("formaat"),
    "version": gettext_lazy("versie"),
    "organisation": gettext_lazy("organisatie"),
    "year": gettext_lazy("jaar"),
    "employees": gettext_lazy("medewerkers"),
    "sections": gettext_lazy("sectie"),
    "figures": gettext_lazy("cijfer"),
    "key": gettext_lazy("code"),
    "value": gettext_lazy("waarde"),
    "hidden": gettext_lazy("verborgen"),
}


def _where(path) -> str:
    """Where in the file, in words: "sectie 2, cijfer 5, waarde" (never text from the file)."""
    words: list[str] = []
    for step in path:
        if isinstance(step, int) and words:
            words[-1] = f"{words[-1]} {step + 1}"
        else:
            words.append(str(FIELD_NAMES.get(step, _("een veld"))))
    return ", ".join(words) or _("het begin van het bestand")


def _check_contents(data: dict) -> None:
    if data["year"] > timezone.localdate().year:
        raise ComparisonFileError(_("Het jaar in het bestand ligt in de toekomst."))
    codes = known_codes()
    seen_sections = set()
    for section in data["sections"]:
        key = section["key"]
        if key in seen_sections:
            raise ComparisonFileError(
                _("De sectie “%(section)s” staat twee keer in het bestand.") % {"section": key}
            )
        seen_sections.add(key)
        _check_figures(key, section["figures"], codes[key])
    if not any(section["figures"] for section in data["sections"]):
        raise ComparisonFileError(_("Het bestand bevat geen cijfers."))


def _check_figures(section: str, figures: list[dict], codes: list[str]) -> None:
    seen = set()
    for figure in figures:
        key, value = figure["key"], figure["value"]
        where = {"figure": key, "section": section}
        if key not in codes:
            raise ComparisonFileError(
                _("Het cijfer “%(figure)s” in sectie “%(section)s” is onbekend.") % where
            )
        if key in seen:
            raise ComparisonFileError(
                _("Het cijfer “%(figure)s” staat twee keer in sectie “%(section)s”.") % where
            )
        seen.add(key)
        if figure["hidden"] and value is not None:
            raise ComparisonFileError(
                _("Het cijfer “%(figure)s” in sectie “%(section)s” is verborgen, maar heeft toch een waarde.")
                % where
            )
        _check_value(section, key, value, where)


def _check_value(section: str, key: str, value, where: dict) -> None:
    if value is None:
        return
    if section in PERCENT_SECTIONS:
        if value > 100:
            raise ComparisonFileError(
                _("Het percentage “%(figure)s” in sectie “%(section)s” is meer dan 100.") % where
            )
    elif key not in AMOUNT_FIGURES and not isinstance(value, int):
        raise ComparisonFileError(
            _("Het aantal “%(figure)s” in sectie “%(section)s” is geen heel getal.") % where
        )
