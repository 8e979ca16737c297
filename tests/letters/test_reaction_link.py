from gir.models import Deadline
from gir.registry import describe_deadline
from incidents.constants import DEADLINE_REACTION
from tests.incidents.factories import file_incident


def test_the_reaction_task_links_to_the_incidents_letters(world):
    incident = file_incident(world.employee)
    deadline = Deadline.objects.get(kind=DEADLINE_REACTION, object_id=incident.pk)
    assert describe_deadline(deadline).url == f"/brieven/incident/{incident.pk}/"


def test_the_dossier_offers_letters_to_those_who_write_them(world, login):
    incident = file_incident(world.employee)
    url = f"/incidenten/{incident.pk}/"
    link = f'href="/brieven/incident/{incident.pk}/"'
    assert link in login(world.manager).get(url).content.decode()
    assert link not in login(world.employee).get(url).content.decode()
