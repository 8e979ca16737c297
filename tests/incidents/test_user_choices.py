"""The colleague list of the report form: its options come from a few columns per user."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from gir.models import User
from incidents.forms.report import ShortReportForm
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TAG = Template('{% load gir_forms %}{% render_utrecht_widget field "select" %}')


def _select(form) -> str:
    return TAG.render(Context({"field": form["colleague"]}))


def test_each_colleague_shows_name_and_department_and_inactive_ones_are_left_out():
    desk = DepartmentFactory(name="Burgerzaken")
    ans = UserFactory(first_name="Ans", last_name="de Vries", department=desk)
    nameless = UserFactory(username="k.bakker", first_name="", last_name="", department=None)
    gone = UserFactory(first_name="Oud", last_name="Collega", is_active=False)
    html = _select(ShortReportForm(user=ans))
    assert f'<option value="{ans.pk}">Ans de Vries (Burgerzaken)</option>' in html
    assert f'<option value="{nameless.pk}">k.bakker</option>' in html
    assert f'value="{gone.pk}"' not in html


def test_a_chosen_colleague_stays_chosen_when_the_form_comes_back_with_an_error():
    me, colleague = UserFactory(), UserFactory(first_name="Piet", last_name="Jansen")
    data = {"target": ShortReportForm.TARGET_COLLEAGUE, "colleague": str(colleague.pk)}
    form = ShortReportForm(data, user=me)
    assert not form.is_valid()  # no date, place, form of aggression...
    assert form.cleaned_data["colleague"] == colleague  # the choice itself still validates
    html = _select(form)
    assert html.count(" selected") == 1
    assert f'<option value="{colleague.pk}" selected>Piet Jansen (' in html


def test_the_list_costs_one_query_and_no_user_objects_however_many_colleagues_there_are():
    me = UserFactory()
    UserFactory.create_batch(3)
    made = []

    def count(sender, instance, **kwargs):
        made.append(instance)

    def queries() -> int:
        form = ShortReportForm(user=me)
        with CaptureQueriesContext(connection) as ctx:
            _select(form)
        return len(ctx)

    post_init.connect(count, sender=User)
    try:
        few = queries()
        UserFactory.create_batch(20)
        made.clear()
        assert queries() == few == 1
        assert made == []  # five columns per colleague, not a User (and a Department) each
    finally:
        post_init.disconnect(count, sender=User)
