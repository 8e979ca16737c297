"""The letter pages as a manager and a coordinator use them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from gir.models import AuditEntry
from letters.constants import LetterKind, LetterStatus
from letters.models import Letter, LetterTemplate
from tests.letters.helpers import concept, final, incident_with_aggressor, organisation, signatory


@pytest.fixture
def setup(world):
    organisation()
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    return incident, aggressor, signatory()


# The talk date below must lie in the future: the clock is set before it.
@time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
def test_manager_makes_edits_and_finalises_a_letter_through_the_pages(world, login, setup):
    incident, aggressor, sig = setup
    client = login(world.manager)
    page = client.get(reverse("letters:incident", args=[incident.pk])).content.decode()
    assert "Uitnodiging ordegesprek" in page
    url = reverse("letters:create", args=[incident.pk, LetterKind.ORDEGESPREK_INVITATION])
    response = client.post(
        url, {"aggressor": aggressor.pk, "signatory": sig.pk, "incident__samenvatting": "U schreeuwde."}
    )
    assert response.status_code == 200  # date, time and place are required for an invitation
    body = response.content.decode()
    assert "U schreeuwde." in body  # nothing typed is lost
    response = client.post(
        url,
        {
            "aggressor": aggressor.pk,
            "signatory": sig.pk,
            "incident__samenvatting": "U schreeuwde.",
            "ordegesprek__datum": "2026-12-01",
            "ordegesprek__tijd": "14:00",
            "ordegesprek__plaats": "Stadhuis",
        },
    )
    letter = Letter.objects.get()
    assert response["Location"] == reverse("letters:detail", args=[letter.pk])
    assert letter.details["ordegesprek.datum"] == "2026-12-01"
    detail = client.get(response["Location"]).content.decode()
    assert "1 december 2026" in detail and "Onderwerp:" in detail
    response = client.post(
        reverse("letters:edit", args=[letter.pk]),
        {
            "subject": "Uitnodiging",
            "body_html": "<p>Beste heer Kramer, kom <script>x()</script>langs.</p>",
            "signatory": sig.pk,
            "version": letter.version,
        },
    )
    letter.refresh_from_db()
    assert letter.body_html == "<p>Beste heer Kramer, kom langs.</p>" and letter.subject == "Uitnodiging"
    response = client.post(
        reverse("letters:finalise", args=[letter.pk]), {"copies": ["ontvanger", "dossier"]}
    )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.CONCEPT  # the confirmation box is required
    client.post(
        reverse("letters:finalise", args=[letter.pk]), {"copies": ["ontvanger", "dossier"], "confirm": "on"}
    )
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FINAL and letter.copies == ["ontvanger", "dossier"]


def test_a_stale_concept_edit_is_refused_and_keeps_the_text(world, login, setup):
    incident, aggressor, sig = setup
    letter = concept(incident, aggressor, world.manager)
    data = {"subject": "Eerste", "body_html": "<p>Een</p>", "signatory": sig.pk, "version": letter.version}
    client = login(world.manager)
    client.post(reverse("letters:edit", args=[letter.pk]), data)
    response = client.post(
        reverse("letters:edit", args=[letter.pk]), {**data, "body_html": "<p>Mijn tekst</p>"}
    )
    assert response.status_code == 200
    assert "Iemand anders heeft deze brief intussen gewijzigd" in response.content.decode()
    assert "Mijn tekst" in response.content.decode()
    letter.refresh_from_db()
    assert letter.body_html == "<p>Een</p>"


def test_pdf_download_is_an_attachment_with_nosniff_and_logged(world, login, setup):
    incident, aggressor, _sig = setup
    letter = final(incident, aggressor, world.manager)
    response = login(world.manager).get(reverse("letters:pdf", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == Letter.objects.get(pk=letter.pk).pdf.read()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD, object_id=str(letter.pk)).count() == 1


def test_extra_copies_come_from_the_stored_html(world, login, setup):
    from tests.letters.helpers import flat_text

    incident, aggressor, _sig = setup
    letter = final(incident, aggressor, world.manager)
    response = login(world.manager).get(
        reverse("letters:pdf", args=[letter.pk]), {"copies": ["politie", "aangetekend"]}
    )
    text = flat_text(response.content)
    assert "Exemplaar: politie" in text and "Exemplaar: aangetekende zending" in text
    assert "Exemplaar: dossier" not in text


def test_a_concept_proof_is_marked_concept(world, login, setup):
    from tests.letters.helpers import flat_text

    incident, aggressor, _sig = setup
    letter = concept(incident, aggressor, world.manager)
    response = login(world.manager).get(reverse("letters:pdf", args=[letter.pk]))
    assert "Exemplaar: CONCEPT, niet versturen" in flat_text(response.content)


def test_letters_outside_scope_are_404_also_as_pdf(world, login, setup):
    incident, aggressor, _sig = setup
    letter = final(incident, aggressor, world.manager)
    client = login(world.other_manager)
    for name in ["letters:detail", "letters:pdf", "letters:edit", "letters:dispatch"]:
        assert client.get(reverse(name, args=[letter.pk])).status_code == 404, name
    assert client.get(reverse("letters:incident", args=[incident.pk])).status_code == 404


def test_viewing_a_letter_is_logged(world, login, setup):
    incident, aggressor, _sig = setup
    letter = concept(incident, aggressor, world.manager)
    login(world.manager).get(reverse("letters:detail", args=[letter.pk]))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_id=str(letter.pk)).exists()


def test_template_editor_preview_renders_and_saves_nothing(world, login):
    template = LetterTemplate.objects.get(code=LetterKind.WARNING)
    client = login(world.coordinator)
    url = reverse("letters:template-edit", args=[template.pk])
    response = client.post(
        url, {"subject": "Let op", "body": "<p>Beste {{ dader.naam }},</p>", "preview": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Beste J. de Jong," in body and "Voorbeeld met verzonnen gegevens" in body
    assert template.versions.count() == 1


def test_template_editor_refuses_an_unknown_field_and_keeps_the_text(world, login):
    template = LetterTemplate.objects.get(code=LetterKind.WARNING)
    response = login(world.coordinator).post(
        reverse("letters:template-edit", args=[template.pk]),
        {"subject": "Let op", "body": "<p>Beste {{ dader.geboortedatum }}, mijn eigen zin.</p>", "save": "1"},
    )
    body = response.content.decode()
    assert "Het veld ‘dader.geboortedatum’ bestaat niet of mag niet in een brief." in body
    assert "mijn eigen zin." in body
    assert template.versions.count() == 1


def test_template_editor_saves_a_new_version(world, login):
    template = LetterTemplate.objects.get(code=LetterKind.WARNING)
    client = login(world.coordinator)
    response = client.post(
        reverse("letters:template-edit", args=[template.pk]),
        {"subject": "Let op", "body": "<p>Beste {{ dader.naam }},</p>", "note": "korter", "save": "1"},
    )
    assert response.status_code == 302
    version = template.current_version
    assert version.number == 2 and version.note == "korter" and version.created_by == world.coordinator
    page = client.get(reverse("letters:template-version", args=[template.pk, 1])).content.decode()
    assert "officiële waarschuwing" in page


def test_an_invitation_for_a_talk_in_the_past_is_refused(world, login, setup):
    incident, aggressor, sig = setup
    url = reverse("letters:create", args=[incident.pk, LetterKind.ORDEGESPREK_INVITATION])
    response = login(world.manager).post(
        url,
        {
            "aggressor": aggressor.pk,
            "signatory": sig.pk,
            "incident__samenvatting": "U schreeuwde.",
            "ordegesprek__datum": "2020-01-06",
            "ordegesprek__tijd": "14:00",
            "ordegesprek__plaats": "Stadhuis",
        },
    )
    assert response.status_code == 200
    assert "Deze datum ligt in het verleden." in response.content.decode()
    assert not Letter.objects.exists()


def test_template_list_shows_how_many_versions_each_template_has(world, login):
    import re

    template = LetterTemplate.objects.get(code=LetterKind.WARNING)
    client = login(world.coordinator)
    client.post(
        reverse("letters:template-edit", args=[template.pk]),
        {"subject": "Let op", "body": "<p>Beste {{ dader.naam }},</p>", "save": "1"},
    )
    page = client.get(reverse("letters:templates")).content.decode()
    cells = re.findall(r'<td class="utrecht-table__cell">(\d+)</td>', page)
    assert sorted(cells) == ["1"] * (LetterTemplate.objects.count() - 1) + ["2"]


def test_date_errors_say_what_to_fill_in_instead(db):
    from incidents.models import Aggressor
    from letters.forms import DispatchForm, LetterCreateForm, LetterEditForm

    at = dt.datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    dispatch = DispatchForm({"method": "post", "dispatched_at": "2026-11-19T10:00"}, not_before=at)
    assert dispatch.errors["dispatched_at"] == [
        "Dit moment ligt vóór het incident. Vul in wanneer de brief echt is verzonden of overhandigd."
    ]
    ban = LetterCreateForm(
        {"verbod__begindatum": "2027-01-10", "verbod__einddatum": "2027-01-01"},
        kind=LetterKind.BAN_DECISION,
        aggressors=Aggressor.objects.none(),
    )
    assert ban.errors["verbod__einddatum"] == [
        "De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum."
    ]
    edit = LetterEditForm({"subject": "Brief {{ dader.naam }}", "body_html": "<p>x</p>", "version": 1})
    assert edit.errors["subject"] == [
        "In het onderwerp staat nog een veld met {{ of {%. Vervang het door gewone tekst."
    ]


def test_letter_list_shows_letters_in_scope_and_filters_by_status(world, login, setup):
    incident, aggressor, _sig = setup
    draft = concept(incident, aggressor, world.manager)
    done = final(incident, aggressor, world.manager)
    other_incident, other_aggressor = incident_with_aggressor(world.colleague, world.other_manager)
    foreign = concept(other_incident, other_aggressor, world.other_manager)
    client = login(world.manager)

    def shown(**params):
        page = client.get(reverse("letters:list"), params).content.decode()
        return {letter.reference for letter in (draft, done, foreign) if f">{letter.reference}<" in page}

    assert shown() == {draft.reference, done.reference}
    assert shown(status=LetterStatus.CONCEPT) == {draft.reference}
    assert shown(status=LetterStatus.FINAL) == {done.reference}
    assert shown(status="x' OR 1=1") == {draft.reference, done.reference}


def test_letter_detail_uses_a_constant_number_of_queries(world, login, setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from letters.constants import DispatchMethod
    from tests.letters.helpers import dispatched

    incident, aggressor, _sig = setup
    letter = final(incident, aggressor, world.manager)
    client = login(world.manager)
    url = reverse("letters:detail", args=[letter.pk])

    def count():
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    dispatched(letter, world.manager)
    before = count()
    for number in range(3):
        dispatched(letter, world.coordinator, method=DispatchMethod.REGISTERED, tracking_number=f"3S{number}")
    assert count() == before
