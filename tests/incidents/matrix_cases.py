"""Every incidents URL × every persona. ``world.incident`` is reported by the employee in
dept_a (Publiekszaken), managed by ``manager`` and ``mandated``; ``other_manager`` and
``colleague`` are in dept_b and must get 404 on it, its files and its dossier."""

from tests.matrix import PERSONAS, Route

EVERYONE = {p: 200 for p in PERSONAS}
MANAGERS_A = {"manager": 200, "mandated": 200, "coordinator": 200}
IN_SCOPE = {"employee": 200, **MANAGERS_A}
MANAGING = {"manager": 200, "other_manager": 200, "mandated": 200, "coordinator": 200}
# Persons: only roles with search_aggressors (403 for the rest); out of scope is 404.
NO_SEARCH = {
    "employee": 403,
    "colleague": 403,
    "aftercare": 403,
    "reception": 403,
    "admin": 403,
    "privacy": 403,
}
PERSON = {**NO_SEARCH, **MANAGERS_A}


def _incident(w):
    return {"pk": w.incident.pk}


def _manager_only(expect=None):
    """Manager actions: the reporter is in scope but not allowed (403); others 404."""
    return {"employee": 403, **MANAGERS_A, **(expect or {})}


ROUTES = [
    Route("incidents:report", expect=EVERYONE, post=True, post_expect=EVERYONE),
    Route("incidents:list", expect=EVERYONE),
    Route("incidents:list", expect=EVERYONE, query="status=gemeld&department=1&overdue=on&form=schelden"),
    Route("incidents:list", expect=EVERYONE, get=False, post=True, post_data=lambda w: {"q": "Kramer"}),
    Route("incidents:inbox", expect=MANAGING),
    Route("incidents:detail", kwargs=_incident, expect=IN_SCOPE, default=404),
    Route("incidents:edit", kwargs=_incident, expect=IN_SCOPE, default=404, post=True),
    Route(
        "incidents:status",
        kwargs=_incident,
        get=False,
        post=True,
        post_data=lambda w: {"to_status": "in_behandeling"},
        post_expect=_manager_only(),
        post_default=404,
        default=404,
    ),
    Route("incidents:first-talk", kwargs=_incident, expect=_manager_only(), default=404, post=True),
    Route("incidents:waive-reaction", kwargs=_incident, expect=_manager_only(), default=404, post=True),
    Route(
        "incidents:hand-over",
        kwargs=_incident,
        expect={**NO_SEARCH, **MANAGERS_A},
        default=404,
        post=True,
    ),
    Route("incidents:involvement-add", kwargs=_incident, expect=IN_SCOPE, default=404, post=True),
    Route("incidents:evidence-add", kwargs=_incident, expect=IN_SCOPE, default=404, post=True),
    Route(
        "incidents:evidence-download", kwargs=lambda w: {"pk": w.evidence.pk}, expect=IN_SCOPE, default=404
    ),
    Route("incidents:aggressor-new", kwargs=_incident, expect=PERSON, default=404, post=True),
    Route(
        "incidents:aggressor-link",
        kwargs=_incident,
        get=False,
        post=True,
        post_data=lambda w: {"aggressor": w.aggressor.pk},
        post_expect=PERSON,
        post_default=404,
        default=404,
    ),
    Route(
        "incidents:aggressor-unlink",
        kwargs=lambda w: {"pk": w.incident.pk, "link_pk": w.aggressor_link.pk},
        get=False,
        post=True,
        post_expect=PERSON,
        post_default=404,
        default=404,
    ),
    Route("incidents:aggressor-search", expect={**NO_SEARCH, **MANAGING}),
    Route(
        "incidents:aggressor-search",
        expect={**NO_SEARCH, **MANAGING},
        post=True,
        post_data=lambda w: {"name": "Kramer"},
    ),
    Route("incidents:aggressor-detail", kwargs=lambda w: {"pk": w.aggressor.pk}, expect=PERSON, default=404),
    Route(
        "incidents:aggressor-edit",
        kwargs=lambda w: {"pk": w.aggressor.pk},
        expect=PERSON,
        default=404,
        post=True,
    ),
    Route("incidents:aggressor-photo", kwargs=lambda w: {"pk": w.aggressor.pk}, expect=PERSON, default=404),
]


def build(world):
    """An incident of dept_a reported by the employee, with evidence and a linked aggressor."""
    from django.core.files.base import ContentFile

    from tests.incidents.factories import add_evidence, file_incident, make_aggressor, png_bytes

    world.incident = file_incident(world.employee, world.dept_a)
    world.evidence = add_evidence(world.incident, world.employee)
    world.aggressor = make_aggressor(world.manager, world.incident)
    world.aggressor.photo.save("foto.png", ContentFile(png_bytes()), save=True)
    world.aggressor_link = world.incident.aggressor_links.get()
