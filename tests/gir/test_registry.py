"""The plug-in layer (gir.registry, gir.events): typed entries, known events only, no app
rewriting another app's registration."""

from dataclasses import FrozenInstanceError

import pytest

from gir import events, registry
from gir.registry import (
    ConflictingRegistration,
    DeadlineKind,
    FulfilmentPage,
    Hook,
    UnknownEvent,
    describe_deadline,
    register_deadline_kind,
    register_fulfilment_page,
    register_hook,
    run_hooks,
)
from incidents.constants import DEADLINE_REACTION
from tests.incidents.factories import file_incident


def test_registering_for_an_unknown_event_fails_at_once():
    with pytest.raises(UnknownEvent, match="incident_regsitered"):
        register_hook(Hook("incident_regsitered", lambda **kwargs: None))
    assert all(hook.event in events.EVENTS for hook in registry.registry.hooks)


def test_running_an_unknown_event_fails_at_once():
    with pytest.raises(UnknownEvent):
        run_hooks("measure_decided", measure=None, by=None)


def test_every_event_has_a_listener_outside_the_tests():
    assert {hook.event for hook in registry.registry.hooks} == events.EVENTS


def test_entries_are_frozen_dataclasses():
    section = registry.registry.dossier_sections[0]
    with pytest.raises(FrozenInstanceError):
        section.order = 1
    assert [s.order for s in registry.registry.dossier_sections] == sorted(
        s.order for s in registry.registry.dossier_sections
    )


def test_a_second_app_cannot_replace_a_deadline_kind_or_its_fulfilment_page():
    kind = registry.registry.deadline_kinds[DEADLINE_REACTION]
    register_deadline_kind(kind)  # the same entry again (ready() twice) changes nothing
    with pytest.raises(ConflictingRegistration):
        register_deadline_kind(DeadlineKind(DEADLINE_REACTION, "Anders", url=lambda d, loaded: "/"))
    with pytest.raises(ConflictingRegistration):
        register_fulfilment_page(FulfilmentPage(DEADLINE_REACTION, lambda d, loaded: "/elders/"))
    assert registry.registry.deadline_kinds[DEADLINE_REACTION] is kind


def test_the_reaction_task_names_the_incident_and_leads_to_its_letters(world):
    from gir.models import Deadline

    incident = file_incident(world.employee)
    deadline = Deadline.objects.get(kind=DEADLINE_REACTION, object_id=incident.pk)
    text = describe_deadline(deadline)
    assert (text.reference, text.url) == (incident.reference, f"/brieven/incident/{incident.pk}/")
    assert str(text.label) == "Reactie naar de dader (48 uur)"


def test_a_page_of_tasks_loads_each_kind_once(world, django_assert_max_num_queries):
    from gir.models import Deadline
    from gir.registry import describe_deadlines

    for _ in range(5):
        file_incident(world.employee, forms=["bedreiging"])
    deadlines = list(Deadline.objects.all())
    kinds = {d.kind for d in deadlines}
    with django_assert_max_num_queries(len(kinds)):
        texts = describe_deadlines(deadlines)
    assert set(texts) == {d.pk for d in deadlines}
