"""The audit viewer describes every action in plain Dutch, also for rows stored in English before
(the log is append-only: those rows are translated when shown, never rewritten)."""

import re

import pytest
from django.urls import reverse

from gir import audit_texts
from gir.audit import audit_log
from gir.models import AuditEntry
from letters.constants import DispatchMethod
from letters.services import letter_update_concept
from tests.letters.helpers import concept, dispatched, final, incident_with_aggressor

pytestmark = pytest.mark.django_db
URL = reverse("privacy:auditlog")
ENGLISH = re.compile(
    r"\b(letter|letters|dispatch|finalised|edited|correction|template|aftercare|note|case|of|"
    r"confirmed|refused|pending|invitation|quarterly|report|concept edited|copies|pdf of)\b"
)
LEGACY = {
    "letter finalised": "brief definitief gemaakt",
    "dispatch of letter 3": "verzending van brief 3 vastgelegd",
    "letter schriftelijke_waarschuwing": "brief gemaakt (Schriftelijke waarschuwing)",
    "letter concept edited": "concept van de brief gewijzigd",
    "correction of letter 4": "correctiebrief gemaakt voor brief 4",
    "template v2": "sjabloon: nieuwe versie 2",
    "dispatch register xlsx": "verzendregister (xlsx)",
    "letters of incident": "brieven van het incident bekeken",
    "letter": "brief bekeken",
    "letter concept pdf": "proefafdruk van de brief (PDF)",
    "letter copies pdf": "exemplaren van de brief (PDF)",
    "letter pdf": "brief als PDF",
    "aftercare note case 5": "vertrouwelijke notitie toegevoegd aan nazorg 5",
    "aftercare note of case 5": "vertrouwelijke notitie van nazorg 5 bekeken",
    "aftercare case": "nazorg bekeken",
    "aftercare talk invitation": "uitnodiging voor een nazorggesprek",
    "aftercare quarterly report 2026": "kwartaaloverzicht nazorg 2026",
    "rol 3 confirmed voor gebruiker 9": "rol 3 bevestigd voor gebruiker 9",
    "rol 3 refused voor gebruiker 9": "rol 3 geweigerd voor gebruiker 9",
}


def _shown(client) -> list[str]:
    response = client.get(URL)
    assert response.status_code == 200
    return [cells[4] for _entry, cells, _changes in response.context["rows"]]


def test_rows_stored_in_english_are_shown_in_dutch_and_stay_as_stored(world, login):
    for stored in LEGACY:
        audit_log(actor=world.manager, action=AuditEntry.Action.VIEW, description=stored)
    shown = _shown(login(world.coordinator))
    for stored, dutch in LEGACY.items():
        assert dutch in shown, stored
    assert not [text for text in shown if ENGLISH.search(text)]
    assert set(LEGACY) <= set(AuditEntry.objects.values_list("description", flat=True))  # not rewritten


def test_each_letter_action_is_described_in_dutch(world, login):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    draft = concept(incident, aggressor, world.manager)
    letter_update_concept(
        letter=draft,
        subject="Waarschuwing",
        body_html="<p>Tekst</p>",
        signatory=draft.signatory,
        version=draft.version,
        by=world.manager,
    )
    letter = final(incident, aggressor, world.manager)
    dispatched(letter, world.manager, method=DispatchMethod.POST)
    client = login(world.manager)
    for url in [
        reverse("letters:detail", args=[letter.pk]),
        reverse("letters:pdf", args=[letter.pk]),
        reverse("letters:pdf", args=[draft.pk]),
    ]:
        assert client.get(url).status_code in (200, 302)
    client.post(reverse("letters:correct", args=[letter.pk]))
    shown = _shown(login(world.coordinator))
    assert "brief definitief gemaakt" in shown
    assert f"verzending van brief {letter.pk} vastgelegd" in shown
    assert f"correctiebrief gemaakt voor brief {letter.pk}" in shown
    assert not [text for text in shown if ENGLISH.search(text)], shown


def test_no_description_is_written_in_english():
    for text in audit_texts.DESCRIPTIONS:
        assert not ENGLISH.search(text.msgid % dict.fromkeys(re.findall(r"%\((\w+)\)s", text.msgid), "1"))
