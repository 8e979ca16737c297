"""Every aftercare URL × persona (tests/matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from tests.matrix import Route

SEES_CASE = {"employee": 200, "manager": 200, "mandated": 200, "coordinator": 200, "aftercare": 200}
WORKER = {"aftercare": 200}
EVERYONE = {
    p: 200
    for p in [
        "employee",
        "colleague",
        "manager",
        "other_manager",
        "mandated",
        "coordinator",
        "aftercare",
        "reception",
        "admin",
        "privacy",
    ]
}


def _case(w):
    return {"pk": w.aftercare_case.pk}


def _talk(w):
    return {"pk": w.aftercare_talk.pk}


def _plan_data(w):
    day = timezone.localdate() + timedelta(days=2)
    return {"date": day.isoformat(), "time": "10:00", "minutes": "60", "place": "Spreekkamer 3"}


ROUTES = [
    Route("aftercare:cases", expect=EVERYONE),
    Route("aftercare:case", kwargs=_case, expect=SEES_CASE, default=404),
    Route("aftercare:talk-ics", kwargs=_talk, expect=SEES_CASE, default=404),
    Route(
        "aftercare:note-add", kwargs=_case, expect=WORKER, post=True, post_data=lambda w: {"text": "Notitie"}
    ),
    Route(
        "aftercare:referral-add",
        kwargs=_case,
        expect=WORKER,
        post=True,
        post_data=lambda w: {"kind": "huisarts"},
    ),
    Route(
        "aftercare:case-assign",
        kwargs=_case,
        expect=WORKER,
        post=True,
        post_data=lambda w: {"worker": w.aftercare.pk},
    ),
    Route(
        "aftercare:case-close",
        kwargs=_case,
        expect=WORKER,
        post=True,
        post_data=lambda w: {"reason": "afgerond"},
    ),
    Route("aftercare:talk-plan", kwargs=_talk, expect=WORKER, post=True, post_data=_plan_data),
    Route(
        "aftercare:talk-outcome",
        kwargs=_talk,
        expect=WORKER,
        post=True,
        post_data=lambda w: {"outcome": "niet_nodig"},
    ),
    Route("aftercare:report", expect={"coordinator": 200}),
    Route("aftercare:report-export", expect={"coordinator": 200}),
]


def build(world):
    """An incident of the employee (dept_a) with a case assigned to ``world.aftercare``,
    its first talk planned and a confidential note written."""
    from aftercare import services
    from aftercare.models import AftercareCase
    from tests.aftercare.helpers import NOTE_TEXT, file_incident

    incident = file_incident(world)
    case = AftercareCase.objects.get(incident=incident, person=world.employee)
    if case.assigned_to != world.aftercare:
        services.case_assign(case=case, to=world.aftercare, by=world.aftercare)
    talk = case.talks.get(number=1)
    services.talk_plan(
        talk=talk,
        start=timezone.now() + timedelta(days=1),
        minutes=60,
        place="Spreekkamer 2",
        by=world.aftercare,
    )
    services.note_add(case=case, talk=talk, text=NOTE_TEXT, by=world.aftercare)
    services.referral_add(case=case, kind="psycholoog", other="", by=world.aftercare)
    world.aftercare_incident, world.aftercare_case, world.aftercare_talk = incident, case, talk
    # The incidents app's own incident (its dossier, lists and exports) gets a note as well, so
    # the confidentiality test covers those pages too.
    if hasattr(world, "incident"):
        for other in AftercareCase.objects.filter(incident=world.incident):
            services.note_add(case=other, text=NOTE_TEXT, by=world.aftercare)
