"""The complete subject-access answer (issue 12, finding 2): four people in the data, only the
subject's come out; every field about the subject is there; a readable PDF letter; consultations."""

import json
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gir.audit import log_view
from incidents.constants import InvolvementRole
from incidents.models import Involvement
from letters.services import template_defaults_install
from privacy.subject_access.redact import REDACTED, Redactor, name_forms
from sanctions.constants import MeasureType
from sanctions.services import measure_decide
from tests.incidents.factories import file_incident, make_aggressor
from tests.letters.helpers import final, signatory
from tests.sanctions.helpers import make_ban

pytestmark = pytest.mark.django_db


def test_names_are_removed_as_whole_words_only():
    redact = Redactor(["Jan", "van den Berg", "Ali"], keep=["Kramer"])
    text = "Jan zei in januari tegen Van den Berg en Kramer: ali-baba? Ali!"
    assert redact(text) == f"{REDACTED} zei in januari tegen {REDACTED} en Kramer: ali-baba? {REDACTED}!"


def test_a_name_typed_as_one_text_is_also_found_in_its_parts():
    assert name_forms("M. van den Berg") == {"M. van den Berg", "van den Berg", "Berg"}
    assert name_forms("Wendy Wolters") == {"Wendy Wolters", "Wendy", "Wolters"}
    assert name_forms("de") == set()  # a particle alone is never a name
    redact = Redactor(name_forms("M. van den Berg"), keep=["Kramer"])
    assert redact("De brief van Van den Berg en Berg, de buurman") == (
        f"De brief van {REDACTED} en {REDACTED}, de buurman"
    )


@pytest.fixture
def four_people(world):
    """The subject, a victim (employee), a witness without account, another aggressor; a signatory,
    the manager and the aftercare worker are named in free text too."""
    world.victim = world.employee
    world.victim.first_name, world.victim.last_name = "Sanne", "Visser"
    world.victim.save()
    world.aftercare.last_name = "Bosman"
    world.aftercare.save()
    victim_name = f"{world.victim.first_name} {world.victim.last_name}"
    incident = file_incident(
        world.victim,
        world.dept_a,
        description=f"In januari schreeuwde Kramer tegen {victim_name}. Getuige Wendy Wolters zag het.",
    )
    type(incident).objects.filter(pk=incident.pk).update(
        place="Balie 3, naast Otto Zwaans",
        means="Een paraplu",
        manner=f"Dreigend, {world.aftercare.last_name} kwam erbij",
        motive="Boos over uitkering",
        # Names as people write them: a surname alone, a first name alone, another aggressor.
        trigger="Wolters belde de beveiliging; Wendy bleef bij de balie. Van den Berg tekende later.",
        aggressor_name="Peter Kramer en Otto Zwaans",
    )
    Involvement.objects.create(incident=incident, role=InvolvementRole.WITNESS, name="Wendy Wolters")
    subject = make_aggressor(
        world.manager, incident, last_name="Kramer", first_name="Peter", description="Lang, rode jas"
    )
    other = make_aggressor(world.manager, incident, last_name="Zwaans", first_name="Otto")
    talk = measure_decide(
        by=world.manager,
        aggressor=subject,
        measure_type=MeasureType.ORDEGESPREK,
        incidents=[incident],
        reason=f"Afspraak met {world.manager.get_full_name()}",
        details={
            "planned_at": timezone.now() + timedelta(days=2),
            "place": "Spreekkamer 2",
            "attendees": f"{world.manager.get_full_name()} en Peter Kramer",
        },
    )
    ban = make_ban(
        world, subject, incident, starts_on=date.today(), ends_on=date.today() + timedelta(days=100)
    )
    template_defaults_install()  # a transactional test elsewhere may have flushed the migration's rows
    letter = final(incident, subject, world.manager, signatory=signatory())
    log_view(None, subject)  # a consultation without request (a task)
    return world, incident, subject, other, talk, ban, letter


def test_the_answer_holds_only_the_subjects_data(four_people, login):
    world, _incident, subject, _other, _talk, _ban, letter = four_people
    response = login(world.coordinator).get(reverse("privacy:subject-export", args=[subject.pk]))
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    for name in {
        world.victim.first_name,
        world.victim.last_name,
        world.manager.last_name,
        world.aftercare.last_name,
        "Wendy",
        "Wolters",
        "Otto",
        "Zwaans",
        "van den Berg",
        "Van den Berg",
        "Berg",
        world.coordinator.username,
        world.manager.username,
    }:
        assert name not in text, f"{name!r} leaked"
    incident_row = data["incidenten"][0]
    assert incident_row["waarmee"] == "Een paraplu"
    assert incident_row["waarom"] == "Boos over uitkering"
    assert incident_row["plek"] == f"Balie 3, naast {REDACTED}"
    assert "In januari schreeuwde Kramer" in incident_row["wat_er_gebeurde"]
    assert incident_row["naam_volgens_melder"] == f"Peter Kramer en {REDACTED}"
    assert incident_row["aanleiding"] == (
        f"{REDACTED} belde de beveiliging; {REDACTED} bleef bij de balie. {REDACTED} tekende later."
    )
    measures = {row["soort"]: row for row in data["maatregelen"]}
    talk_row = next(row for row in measures.values() if "ordegesprek" in row)
    assert talk_row["ordegesprek"]["plaats"] == "Spreekkamer 2"
    assert talk_row["ordegesprek"]["wie_erbij"] == f"{REDACTED} en Peter Kramer"
    ban_row = next(row for row in measures.values() if "toegangsverbod" in row)["toegangsverbod"]
    assert ban_row["aanvullende_instructie"] == "Bel 3333" and ban_row["foto_base64"]
    assert data["brieven"][0]["kenmerk"] == letter.reference and "Kramer" in data["brieven"][0]["inhoud"]
    assert data["raadplegingen"] and {"datum", "handeling", "doel", "rol"} == set(data["raadplegingen"][0])
    assert "Leidinggevende" in {row["rol"] for row in data["raadplegingen"]}


def test_the_letter_is_a_readable_pdf_without_other_names(four_people, login, tmp_path):
    world, _incident, subject, *_rest = four_people
    response = login(world.coordinator).get(reverse("privacy:subject-letter", args=[subject.pk]))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "inzage.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Uw gegevens in ons registratiesysteem" in text and "Wie keek naar uw gegevens" in text
    assert "Een paraplu" in text and "Spreekkamer 2" in text
    for name in (world.victim.last_name, "Wolters", "Zwaans", world.manager.last_name):
        assert name not in text
