"""The documented, restricted set of merge fields a letter template may use.

A template can only name a field listed in ``FIELDS``; everything else is refused when the
template is saved (``letters.templating``). The render context is built here from plain values
(strings, dates, times), never from model objects, so a template cannot reach an attribute
that is not on this list even if validation were bypassed.

Fields in ``DETAIL_FIELDS`` are filled in by the manager when a letter is made (pre-filled from
the measure where one exists); the rest come from the incident, the aggressor, the signatory and
the organisation settings. The victim's name is only filled when the manager ticks
"naam van de medewerker vermelden" (default off).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MergeField:
    path: str
    label: str
    sample: object = ""
    kind: str = "text"  # text, multiline, date, time, amount


def _d(y, m, d):
    return dt.date(y, m, d)


FIELDS: list[MergeField] = [
    # The addressee: the aggressor.
    MergeField("dader.naam", _("naam van de ontvanger (de dader)"), "J. de Jong"),
    MergeField("dader.straat", _("straat en huisnummer van de ontvanger"), "Dorpsstraat 12"),
    MergeField("dader.postcode", _("postcode van de ontvanger"), "1234 CD"),
    MergeField("dader.woonplaats", _("woonplaats van de ontvanger"), "Voorbeeld"),
    MergeField(
        "dader.adres", _("volledig adres van de ontvanger (meer regels)"), "Dorpsstraat 12\n1234 CD Voorbeeld"
    ),
    # The incident.
    MergeField("incident.kenmerk", _("kenmerk van het incident"), "GIR-2026-0042"),
    MergeField("incident.datum", _("datum van het incident"), _d(2026, 11, 16), "date"),
    MergeField("incident.tijd", _("tijd van het incident"), dt.time(10, 30), "time"),
    MergeField(
        "incident.samenvatting",
        _("korte beschrijving van wat er gebeurde, in woorden voor de ontvanger"),
        "U heeft aan de balie een medewerker uitgescholden en met uw vuist op de balie geslagen.",
        "multiline",
    ),
    MergeField("incident.plek", _("waar het incident gebeurde"), "Stadhuis, balie Publiekszaken"),
    MergeField("afdeling.naam", _("afdeling waar het incident gebeurde"), "Publiekszaken"),
    MergeField(
        "slachtoffer.naam",
        _("naam van de medewerker (alleen als de leidinggevende dat aanvinkt)"),
        "",
    ),
    MergeField("slachtoffer.functie", _("functie van de medewerker (alleen als aangevinkt)"), ""),
    # The measure.
    MergeField("maatregel.soort", _("soort maatregel"), "Schriftelijke waarschuwing"),
    MergeField(
        "maatregel.toelichting",
        _("toelichting op de maatregel"),
        "Wij verwachten dat u onze medewerkers voortaan met respect behandelt.",
        "multiline",
    ),
    MergeField("maatregel.begindatum", _("begindatum van de maatregel"), _d(2026, 11, 18), "date"),
    MergeField("maatregel.einddatum", _("einddatum van de maatregel"), _d(2027, 2, 18), "date"),
    # Ordegesprek.
    MergeField("ordegesprek.datum", _("datum van het ordegesprek"), _d(2026, 11, 20), "date"),
    MergeField("ordegesprek.tijd", _("tijd van het ordegesprek"), dt.time(14, 0), "time"),
    MergeField(
        "ordegesprek.plaats",
        _("plaats van het ordegesprek"),
        "Stadhuis, Stadhuisplein 1, melden bij de receptie",
    ),
    MergeField(
        "ordegesprek.afspraken",
        _("de afspraken uit het ordegesprek (elke afspraak op een eigen regel)"),
        "U maakt altijd eerst een afspraak.\nU neemt alleen contact op met uw vaste contactpersoon.",
        "multiline",
    ),
    # Access ban.
    MergeField("verbod.begindatum", _("eerste dag van het toegangsverbod"), _d(2026, 11, 23), "date"),
    MergeField("verbod.einddatum", _("laatste dag van het toegangsverbod"), _d(2027, 2, 22), "date"),
    MergeField(
        "verbod.locaties",
        _("gebouwen en locaties waarvoor het verbod geldt"),
        "Stadhuis (Stadhuisplein 1), Klantcontactcentrum (Marktstraat 10)",
    ),
    MergeField(
        "verbod.contact",
        _("hoe de ontvanger de gemeente tijdens het verbod kan bereiken"),
        "U kunt ons een brief sturen. U kunt ook iemand machtigen om namens u te bellen.",
        "multiline",
    ),
    MergeField(
        "verbod.besluitdatum", _("datum van het besluit tot het toegangsverbod"), _d(2026, 11, 20), "date"
    ),
    MergeField(
        "reactie.uiterlijk", _("uiterste datum om op het voornemen te reageren"), _d(2026, 12, 4), "date"
    ),
    MergeField("overtreding.datum", _("datum van de overtreding van het verbod"), _d(2026, 12, 2), "date"),
    MergeField("overtreding.tijd", _("tijd van de overtreding"), dt.time(9, 15), "time"),
    MergeField("overtreding.locatie", _("waar het verbod werd overtreden"), "Stadhuis"),
    # Necessary visit despite a ban.
    MergeField("bezoek.datum", _("datum van het toegestane bezoek"), _d(2026, 12, 10), "date"),
    MergeField("bezoek.tijd", _("tijd van het toegestane bezoek"), dt.time(11, 0), "time"),
    MergeField("bezoek.plaats", _("gebouw van het toegestane bezoek"), "Stadhuis, Stadhuisplein 1"),
    MergeField("bezoek.doel", _("waarvoor de ontvanger mag komen"), "het ophalen van uw nieuwe paspoort"),
    MergeField("bezoek.contactpersoon", _("medewerker die de ontvanger ontvangt"), "de heer P. Smit"),
    # Damage claim.
    MergeField(
        "schade.omschrijving", _("welke schade"), "Een kapotte computermonitor aan de balie.", "multiline"
    ),
    MergeField("schade.bedrag", _("bedrag van de schade in euro"), Decimal("249.95"), "amount"),
    MergeField("schade.betalen_voor", _("uiterste betaaldatum"), _d(2026, 12, 31), "date"),
    MergeField(
        "schade.betaalwijze",
        _("hoe de ontvanger kan betalen"),
        "Maak het bedrag over naar rekening NL00 BANK 0123 4567 89. Vermeld het kenmerk van deze brief.",
        "multiline",
    ),
    # Signatory, organisation, letter.
    MergeField("ondertekenaar.naam", _("naam van de ondertekenaar"), "M. van den Berg"),
    MergeField("ondertekenaar.functie", _("functie van de ondertekenaar"), "Burgemeester"),
    MergeField("organisatie.naam", _("naam van de gemeente"), "Gemeente Voorbeeld"),
    MergeField("organisatie.adres", _("bezoekadres van de gemeente"), "Stadhuisplein 1, 1234 AB Voorbeeld"),
    MergeField("organisatie.postadres", _("postadres van de gemeente"), "Postbus 100, 1234 AB Voorbeeld"),
    MergeField("organisatie.telefoon", _("telefoonnummer van de gemeente"), "14 0123"),
    MergeField("organisatie.email", _("e-mailadres van de gemeente"), "info@voorbeeld.example"),
    MergeField("organisatie.website", _("website van de gemeente"), "www.voorbeeld.example"),
    MergeField("brief.kenmerk", _("kenmerk van deze brief"), "GIR-2026-0042/B1"),
    MergeField("brief.datum", _("datum van deze brief"), _d(2026, 11, 17), "date"),
    MergeField("vandaag", _("de datum van vandaag"), _d(2026, 11, 17), "date"),
]

FIELD_BY_PATH = {f.path: f for f in FIELDS}
ALLOWED_PATHS = frozenset(FIELD_BY_PATH)

# Fields the manager fills in per kind of letter (pre-filled from the measure where one
# exists), in form order, and which of them a letter of that kind cannot do without.
KIND_DETAILS: dict[str, list[str]] = {
    "uitnodiging_ordegesprek": [
        "incident.samenvatting",
        "ordegesprek.datum",
        "ordegesprek.tijd",
        "ordegesprek.plaats",
    ],
    "bevestiging_afspraken": ["incident.samenvatting", "ordegesprek.datum", "ordegesprek.afspraken"],
    "schriftelijke_waarschuwing": ["incident.samenvatting", "maatregel.toelichting"],
    "voornemen_toegangsverbod": [
        "incident.samenvatting",
        "verbod.begindatum",
        "verbod.einddatum",
        "verbod.locaties",
        "reactie.uiterlijk",
    ],
    "besluit_toegangsverbod": [
        "incident.samenvatting",
        "verbod.besluitdatum",
        "verbod.begindatum",
        "verbod.einddatum",
        "verbod.locaties",
        "verbod.contact",
    ],
    "overtreding_toegangsverbod": [
        "verbod.besluitdatum",
        "verbod.einddatum",
        "verbod.locaties",
        "overtreding.datum",
        "overtreding.tijd",
        "overtreding.locatie",
    ],
    "verklaring_bezoek": [
        "verbod.einddatum",
        "bezoek.datum",
        "bezoek.tijd",
        "bezoek.plaats",
        "bezoek.doel",
        "bezoek.contactpersoon",
    ],
    "reactie_schriftelijke_agressie": ["incident.samenvatting", "maatregel.toelichting"],
    "aansprakelijkstelling_schade": [
        "incident.samenvatting",
        "schade.omschrijving",
        "schade.bedrag",
        "schade.betalen_voor",
        "schade.betaalwijze",
    ],
}
KIND_REQUIRED: dict[str, set[str]] = {
    "uitnodiging_ordegesprek": {
        "incident.samenvatting",
        "ordegesprek.datum",
        "ordegesprek.tijd",
        "ordegesprek.plaats",
    },
    "bevestiging_afspraken": {"ordegesprek.datum", "ordegesprek.afspraken"},
    "schriftelijke_waarschuwing": {"incident.samenvatting"},
    "voornemen_toegangsverbod": {"incident.samenvatting", "verbod.locaties", "reactie.uiterlijk"},
    "besluit_toegangsverbod": {
        "incident.samenvatting",
        "verbod.begindatum",
        "verbod.einddatum",
        "verbod.locaties",
    },
    "overtreding_toegangsverbod": {"overtreding.datum", "overtreding.locatie"},
    "verklaring_bezoek": {"bezoek.datum", "bezoek.tijd", "bezoek.plaats", "bezoek.doel"},
    "reactie_schriftelijke_agressie": {"incident.samenvatting"},
    "aansprakelijkstelling_schade": {"schade.omschrijving", "schade.bedrag", "schade.betalen_voor"},
}
DETAIL_PATHS = frozenset(p for paths in KIND_DETAILS.values() for p in paths)
# Fields a letter made from a measure takes from that measure, not from the manager.
MEASURE_PATHS = frozenset({"maatregel.soort", "maatregel.begindatum", "maatregel.einddatum"})


def _nest(flat: dict[str, object]) -> dict:
    nested: dict = {}
    for path, value in flat.items():
        head, _dot, tail = path.partition(".")
        if tail:
            nested.setdefault(head, {})[tail] = value
        else:
            nested[head] = value
    return nested


def empty_flat() -> dict[str, object]:
    return {f.path: "" for f in FIELDS}


def _present(path: str, value: object) -> object:
    if FIELD_BY_PATH[path].kind == "amount":
        return amount_text(value)
    return value


def sample_flat() -> dict[str, object]:
    """Fictional values for every field: the template editor's preview."""
    flat = {f.path: f.sample for f in FIELDS}
    flat["slachtoffer.naam"], flat["slachtoffer.functie"] = "A. Medewerker", "baliemedewerker"
    return flat


def to_context(flat: dict[str, object]) -> dict:
    """Nest a flat ``{"dader.naam": ...}`` mapping; only allowlisted paths survive."""
    clean = empty_flat()
    clean.update({k: _present(k, v) for k, v in flat.items() if k in ALLOWED_PATHS and v is not None})
    return _nest(clean)


# --- Storing detail values as JSON and reading them back ---------------------------------------


def serialise_detail(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def parse_detail(path: str, raw: object) -> object:
    """The typed value of a stored detail; a malformed value becomes empty, never an error."""
    kind = FIELD_BY_PATH[path].kind
    if raw in (None, ""):
        return ""
    try:
        if kind == "date":
            return dt.date.fromisoformat(str(raw))
        if kind == "time":
            return dt.time.fromisoformat(str(raw))
        if kind == "amount":
            return Decimal(str(raw))
    except (ValueError, InvalidOperation):
        return ""
    return str(raw)


def amount_text(value: object) -> str:
    """An amount as Dutch money: € 1.249,95."""
    if value in ("", None):
        return ""
    return "€ " + formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True)


def local_date(instant: dt.datetime) -> dt.date:
    return timezone.localtime(instant).date()


def local_time(instant: dt.datetime) -> dt.time:
    return timezone.localtime(instant).time().replace(second=0, microsecond=0)
