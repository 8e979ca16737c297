"""get_FOO_display through the per-language label cache answers exactly as Django's own."""

from django.db import models
from django.utils import translation

from incidents.constants import LocationType, Status
from incidents.models import Incident, IncidentForm
from sanctions.models import Measure


def _django(instance, name):
    return models.Model._get_FIELD_display(instance, instance._meta.get_field(name))


def test_every_label_is_the_one_django_would_show():
    for value in LocationType.values:
        incident = Incident(location_type=value, status=Status.REPORTED)
        assert (
            incident.get_location_type_display()
            == _django(incident, "location_type")
            == str(LocationType(value).label)
        )
    form = IncidentForm(form="bedreiging")
    assert form.get_form_display() == _django(form, "form")
    measure = Measure(type="mondelinge_waarschuwing")
    assert measure.get_type_display() == _django(measure, "type") == "Mondelinge waarschuwing"


def test_an_unknown_value_is_shown_as_it_is_and_each_language_has_its_own_labels():
    assert Incident(location_type="nergens").get_location_type_display() == "nergens"
    with translation.override("en"):
        incident = Incident(status=Status.CLOSED)
        assert incident.get_status_display() == _django(incident, "status")
