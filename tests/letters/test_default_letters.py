"""Every default letter, rendered with a full and with a minimal context, turned into a PDF and
back into text: the key facts are there and no placeholder is left (issue 5 "It must show")."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from letters.constants import Copy, LetterKind
from letters.defaults import DEFAULT_TEMPLATES
from letters.models import LetterTemplate
from letters.services import letter_finalise
from letters.templating import validate_template
from tests.letters.helpers import PLACEHOLDERS, concept, flat_text, incident_with_aggressor, pdf_info

AMS = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=AMS)
OCCURRED = dt.datetime(2026, 3, 9, 10, 30, tzinfo=AMS)

FULL = {
    "incident.samenvatting": "U gooide een stoel tegen de balie.",
    "maatregel.toelichting": "Wij verwachten dat u voortaan rustig blijft.",
    "ordegesprek.datum": dt.date(2026, 3, 16),
    "ordegesprek.tijd": dt.time(14, 0),
    "ordegesprek.plaats": "Stadhuis, kamer 2.14",
    "ordegesprek.afspraken": "U komt alleen op afspraak.\nU belt alleen uw vaste contactpersoon.",
    "verbod.besluitdatum": dt.date(2026, 3, 10),
    "verbod.begindatum": dt.date(2026, 3, 11),
    "verbod.einddatum": dt.date(2026, 6, 10),
    "verbod.locaties": "Stadhuis en Klantcontactcentrum",
    "verbod.contact": "Schrijf naar Postbus 100 of laat uw zaakwaarnemer bellen.",
    "reactie.uiterlijk": dt.date(2026, 3, 24),
    "overtreding.datum": dt.date(2026, 4, 2),
    "overtreding.tijd": dt.time(9, 15),
    "overtreding.locatie": "Klantcontactcentrum",
    "bezoek.datum": dt.date(2026, 4, 20),
    "bezoek.tijd": dt.time(11, 0),
    "bezoek.plaats": "Stadhuis, balie Burgerzaken",
    "bezoek.doel": "het ophalen van uw paspoort",
    "bezoek.contactpersoon": "mevrouw De Wit",
    "schade.omschrijving": "Een kapotte stoel.",
    "schade.bedrag": Decimal("1249.95"),
    "schade.betalen_voor": dt.date(2026, 4, 30),
    "schade.betaalwijze": "Maak het bedrag over naar NL00 BANK 0123 4567 89.",
}

COMMON = [
    "Gemeente Voorbeeld",
    "Postbus 100",
    "P. Kramer",
    "Lindelaan 14",
    "1234 CD Voorbeeld",
    "Ons kenmerk",
    "/B1",
    "10 maart 2026",
    "Onderwerp:",
    "M. van den Berg",
    "Burgemeester",
    "Uw privacy",
    "Pagina 1 van",
]
FACTS = {
    LetterKind.ORDEGESPREK_INVITATION: [
        "Op 9 maart 2026 om 10:30 uur",
        "U gooide een stoel",
        "maandag 16 maart 2026",
        "14:00 uur",
        "Stadhuis, kamer 2.14",
        "Publiekszaken",
    ],
    LetterKind.AGREEMENTS: [
        "16 maart 2026",
        "U komt alleen op afspraak.",
        "U belt alleen uw vaste contactpersoon.",
    ],
    LetterKind.WARNING: [
        "Op 9 maart 2026",
        "officiële waarschuwing",
        "Wij verwachten dat u voortaan rustig blijft.",
    ],
    LetterKind.BAN_INTENT: [
        "11 maart 2026",
        "10 juni 2026",
        "Stadhuis en Klantcontactcentrum",
        "vóór 24 maart 2026",
        "Dit is nog geen besluit",
    ],
    LetterKind.BAN_DECISION: [
        "van 11 maart 2026 tot en met 10 juni 2026",
        "Stadhuis en Klantcontactcentrum",
        "Schrijf naar Postbus 100 of laat uw zaakwaarnemer bellen.",
        "bezwaar",
        "zes weken",
        "burgemeester van Gemeente Voorbeeld, Postbus 100, 1234 AB Voorbeeld",
        "artikel 138 en 139",
        "voorlopige voorziening",
    ],
    LetterKind.BAN_BREACH: [
        "op 2 april 2026 om 09:15 uur",
        "Klantcontactcentrum",
        "lokaalvredebreuk",
        "aangifte",
        "10 juni 2026",
    ],
    LetterKind.VISIT_PERMIT: [
        "maandag 20 april 2026",
        "11:00 uur",
        "Stadhuis, balie Burgerzaken",
        "het ophalen van uw paspoort",
        "mevrouw De Wit",
        "één bezoek",
    ],
    LetterKind.WRITTEN_AGGRESSION: ["Op 9 maart 2026", "sociale media", "aangifte"],
    LetterKind.DAMAGE_CLAIM: [
        "Een kapotte stoel.",
        "€ 1.249,95",
        "30 april 2026",
        "aansprakelijk",
        "NL00 BANK",
    ],
}
MINIMAL_FACTS = {
    LetterKind.ORDEGESPREK_INVITATION: ["volgt nog", "Op 9 maart 2026"],
    LetterKind.BAN_DECISION: ["zes weken", "alle gebouwen van de gemeente"],
    LetterKind.DAMAGE_CLAIM: ["binnen vier weken"],
}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _pdf(world, kind, details, aggressor_fields=None):
    incident, aggressor = incident_with_aggressor(
        world.employee, world.manager, occurred_at=OCCURRED, aggressor_fields=aggressor_fields
    )
    letter = concept(incident, aggressor, world.manager, kind, details=details)
    return letter_finalise(letter=letter, by=world.manager, copies=[Copy.DOSSIER]), letter


def test_every_kind_has_a_default_template_that_validates(db):
    assert {str(t["code"]) for t in DEFAULT_TEMPLATES} == set(LetterKind.values)
    assert set(LetterTemplate.objects.values_list("code", flat=True)) == set(LetterKind.values)
    for template in LetterTemplate.objects.all():
        version = template.current_version
        assert version.number == 1
        validate_template(version.subject)
        validate_template(version.body)


@pytest.mark.parametrize("kind", LetterKind.values)
def test_full_letter_pdf_has_the_key_facts_and_no_placeholder(world, frozen, kind):
    letter, _concept = _pdf(world, kind, FULL)
    text = flat_text(letter.pdf.read())
    missing = [fact for fact in COMMON + FACTS[kind] if fact not in text]
    assert missing == [], f"{kind}: missing {missing}\n{text}"
    assert not [p for p in PLACEHOLDERS if p in text], text
    assert "Exemplaar: dossier" in text


@pytest.mark.parametrize("kind", LetterKind.values)
def test_minimal_letter_pdf_still_reads_well(world, frozen, kind):
    letter, _concept = _pdf(
        world,
        kind,
        {},
        aggressor_fields={"initials": "", "first_name": "", "street": "", "postal_code": "", "city": ""},
    )
    text = flat_text(letter.pdf.read())
    for fact in [
        "Gemeente Voorbeeld",
        "Kramer",
        "Onderwerp:",
        "M. van den Berg",
        "Uw privacy",
        *MINIMAL_FACTS.get(kind, []),
    ]:
        assert fact in text, f"{kind}: {fact!r} missing\n{text}"
    assert not [p for p in PLACEHOLDERS if p in text], text
    assert "None" not in text


def test_the_pdf_is_tagged_a4_and_has_a_title(world, frozen):
    letter, _concept = _pdf(world, LetterKind.WARNING, FULL)
    info = pdf_info(letter.pdf.read())
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89")
    assert info["Title"] == "Waarschuwing voor uw gedrag"


def test_victim_name_is_left_out_unless_the_manager_ticks_the_box(world, frozen):
    world.employee.first_name, world.employee.last_name = "Mila", "Zonnebloem"
    world.employee.save()
    incident, aggressor = incident_with_aggressor(world.employee, world.manager, occurred_at=OCCURRED)
    from letters.models import LetterTemplate

    version = LetterTemplate.objects.get(code=LetterKind.WARNING).current_version
    from letters.services import template_version_create

    template_version_create(
        template=version.template,
        subject=version.subject,
        body=version.body + "{% if slachtoffer.naam %}<p>Medewerker: {{ slachtoffer.naam }}</p>{% endif %}",
        by=world.coordinator,
    )
    without = concept(incident, aggressor, world.manager, LetterKind.WARNING, details=FULL)
    with_name = concept(
        incident, aggressor, world.manager, LetterKind.WARNING, details=FULL, include_victim=True
    )
    text_without = flat_text(letter_finalise(letter=without, by=world.manager, copies=["dossier"]).pdf.read())
    text_with = flat_text(letter_finalise(letter=with_name, by=world.manager, copies=["dossier"]).pdf.read())
    assert "Zonnebloem" not in text_without
    assert "Medewerker: Mila Zonnebloem" in text_with
    assert without.include_victim is False


def test_the_letter_records_the_template_version_it_used(world, frozen):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager, occurred_at=OCCURRED)
    first = concept(incident, aggressor, world.manager, LetterKind.WARNING)
    from letters.services import template_version_create

    template = LetterTemplate.objects.get(code=LetterKind.WARNING)
    v2 = template_version_create(
        template=template, subject="Nieuwe titel", body="<p>Nieuwe tekst</p>", by=world.coordinator
    )
    second = concept(incident, aggressor, world.manager, LetterKind.WARNING)
    assert first.template_version.number == 1 and second.template_version == v2
    assert second.subject == "Nieuwe titel" and first.subject == "Waarschuwing voor uw gedrag"
