"""A final letter never changes: not through a service, a view, the model layer or (on
PostgreSQL) raw SQL. A correction is a new letter. Template versions and dispatches are
append-only."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from letters.constants import DispatchMethod, LetterStatus
from letters.models import Dispatch, Letter, LetterTemplateVersion
from letters.services import letter_correct, letter_finalise, letter_update_concept
from tests.letters.helpers import dispatched, final, incident_with_aggressor, signatory


@pytest.fixture
def letter(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    return final(incident, aggressor, world.manager)


def _snapshot(letter):
    fresh = Letter.objects.get(pk=letter.pk)
    return (
        fresh.subject,
        fresh.body_html,
        fresh.final_html,
        fresh.sha256,
        fresh.pdf.name,
        fresh.status,
        fresh.version,
    )


def test_finalising_stores_html_pdf_and_its_sha256(letter):
    import hashlib

    fresh = Letter.objects.get(pk=letter.pk)
    assert fresh.status == LetterStatus.FINAL
    assert fresh.final_html.startswith("<!DOCTYPE html>")
    assert hashlib.sha256(fresh.pdf.read()).hexdigest() == fresh.sha256


def test_the_edit_service_refuses_a_final_letter(letter, world):
    before = _snapshot(letter)
    with pytest.raises(ValidationError):
        letter_update_concept(
            letter=letter,
            subject="Anders",
            body_html="<p>Anders</p>",
            signatory=signatory(),
            version=letter.version,
            by=world.manager,
        )
    assert _snapshot(letter) == before


def test_finalising_twice_is_refused(letter, world):
    before = _snapshot(letter)
    with pytest.raises(ValidationError):
        letter_finalise(letter=letter, by=world.manager, copies=["dossier"])
    assert _snapshot(letter) == before


def test_the_model_refuses_to_save_or_delete_a_final_letter(letter):
    before = _snapshot(letter)
    fresh = Letter.objects.get(pk=letter.pk)
    fresh.body_html = "<p>Stiekem anders</p>"
    with pytest.raises(ValidationError):
        fresh.save()
    with pytest.raises(ValidationError):
        fresh.delete()
    with pytest.raises(ValidationError):
        Letter.objects.filter(pk=letter.pk).update(body_html="<p>x</p>")
    with pytest.raises(ValidationError):
        Letter.objects.filter(pk=letter.pk).delete()
    assert _snapshot(letter) == before


def test_the_model_guard_also_holds_for_the_instance_that_was_finalised(letter):
    letter.subject = "Anders"
    with pytest.raises(ValidationError):
        letter.save()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_updates_and_deletes_of_a_final_letter(letter):
    from django.db import DatabaseError

    for sql in [
        "UPDATE letters_letter SET body_html = 'x' WHERE id = %s",
        "DELETE FROM letters_letter WHERE id = %s",
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [letter.pk])
    assert Letter.objects.get(pk=letter.pk).body_html == letter.body_html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_keeps_dispatches_and_template_versions_append_only(letter, world):
    from django.db import DatabaseError

    dispatch = dispatched(letter, world.manager)
    version = letter.template_version
    for sql, pk in [
        ("UPDATE letters_dispatch SET note = 'x' WHERE id = %s", dispatch.pk),
        ("DELETE FROM letters_dispatch WHERE id = %s", dispatch.pk),
        ("UPDATE letters_lettertemplateversion SET body = 'x' WHERE id = %s", version.pk),
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])


def test_a_concept_row_can_still_be_updated_in_sql(world):
    # The trigger must not get in the way of concepts (control for the tests above).
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    from tests.letters.helpers import concept

    draft = concept(incident, aggressor, world.manager)
    assert Letter.objects.filter(pk=draft.pk).update(subject="Nieuw") == 1


def test_edit_view_does_not_change_a_final_letter(letter, world, login):
    client = login(world.manager)
    before = _snapshot(letter)
    url = reverse("letters:edit", args=[letter.pk])
    assert client.get(url).status_code == 302
    response = client.post(
        url,
        {
            "subject": "Anders",
            "body_html": "<p>Anders</p>",
            "signatory": letter.signatory_id,
            "version": letter.version,
        },
    )
    assert response.status_code == 302
    assert _snapshot(letter) == before


def test_finalise_view_does_not_change_a_final_letter(letter, world, login):
    before = _snapshot(letter)
    response = login(world.manager).post(
        reverse("letters:finalise", args=[letter.pk]), {"copies": ["politie"], "confirm": "on"}
    )
    assert response.status_code == 302
    assert _snapshot(letter) == before


def test_correct_view_makes_a_new_letter_and_leaves_the_old_one(letter, world, login):
    before = _snapshot(letter)
    response = login(world.manager).post(reverse("letters:correct", args=[letter.pk]))
    new = Letter.objects.exclude(pk=letter.pk).get()
    assert response["Location"] == reverse("letters:edit", args=[new.pk])
    assert new.corrects_id == letter.pk and new.status == LetterStatus.CONCEPT
    assert new.reference != letter.reference
    assert _snapshot(letter) == before


def test_dispatch_view_adds_a_row_and_leaves_the_letter(letter, world, login):
    before = _snapshot(letter)
    response = login(world.manager).post(
        reverse("letters:dispatch", args=[letter.pk]),
        {"method": DispatchMethod.POST, "dispatched_at": "2020-01-01T10:00"},
    )
    assert response.status_code == 200  # before the incident: refused with an error
    from django.utils import timezone

    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = login(world.manager).post(
        reverse("letters:dispatch", args=[letter.pk]), {"method": DispatchMethod.POST, "dispatched_at": now}
    )
    assert response.status_code == 302
    assert letter.dispatches.count() == 1
    assert _snapshot(letter) == before


def test_correcting_a_concept_is_refused(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    from tests.letters.helpers import concept

    with pytest.raises(ValidationError):
        letter_correct(letter=concept(incident, aggressor, world.manager), by=world.manager)


def test_template_versions_and_dispatches_are_append_only(letter, world):
    dispatch = dispatched(letter, world.manager)
    version = LetterTemplateVersion.objects.get(pk=letter.template_version_id)
    for obj in (dispatch, version):
        with pytest.raises(ValidationError):
            obj.save()
        with pytest.raises(ValidationError):
            obj.delete()
    with pytest.raises(ValidationError):
        Dispatch.objects.update(note="x")
    with pytest.raises(ValidationError):
        LetterTemplateVersion.objects.all().delete()


def test_a_concept_cannot_be_dispatched(world):
    incident, aggressor = incident_with_aggressor(world.employee, world.manager)
    from tests.letters.helpers import concept

    with pytest.raises(ValidationError):
        dispatched(concept(incident, aggressor, world.manager), world.manager)
    assert Dispatch.objects.count() == 0


def test_the_edit_form_refuses_a_final_letter(letter):
    from letters.forms import LetterEditForm

    data = {"subject": "Anders", "body_html": "<p>Anders</p>", "signatory": letter.signatory_id, "version": 1}
    form = LetterEditForm(data, letter=Letter.objects.get(pk=letter.pk))
    assert not form.is_valid()
    assert "definitieve brief" in str(form.non_field_errors())
