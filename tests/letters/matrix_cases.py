"""Every letters URL × every persona. ``world.incident`` (dept_a, from the incidents builder)
has a concept and a final, dispatched letter. Letter makers: manager, mandated, coordinator;
``other_manager`` may make letters but not for dept_a (404); everyone else lacks the
permission (403). The register and the templates are the coordinator's."""

from tests.matrix import Route

MAKERS = {"manager": 200, "mandated": 200, "coordinator": 200, "other_manager": 404}
ALL_MAKERS = {"manager": 200, "mandated": 200, "coordinator": 200, "other_manager": 200}
COORDINATOR = {"coordinator": 200}


def _now():
    from django.utils import timezone

    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def _concept(w):
    return {"pk": w.letter_concept.pk}


def _final(w):
    return {"pk": w.letter_final.pk}


ROUTES = [
    Route("letters:list", expect=ALL_MAKERS),
    Route("letters:list", expect=ALL_MAKERS, query="status=definitief&page=2"),
    Route("letters:incident", kwargs=lambda w: {"incident_pk": w.incident.pk}, expect=MAKERS),
    Route(
        "letters:create",
        kwargs=lambda w: {"incident_pk": w.incident.pk, "kind": "schriftelijke_waarschuwing"},
        expect=MAKERS,
        post=True,
        post_data=lambda w: {
            "aggressor": w.aggressor.pk,
            "signatory": w.signatory.pk,
            "incident__samenvatting": "U schold een medewerker uit.",
        },
    ),
    Route("letters:detail", kwargs=_concept, expect=MAKERS),
    Route("letters:detail", kwargs=_final, expect=MAKERS),
    Route(
        "letters:edit",
        kwargs=_concept,
        expect=MAKERS,
        post=True,
        post_data=lambda w: {
            "subject": "Waarschuwing",
            "body_html": "<p>Tekst</p>",
            "signatory": w.signatory.pk,
            "version": 1,
        },
    ),
    Route(
        "letters:finalise",
        kwargs=_concept,
        get=False,
        post=True,
        post_data=lambda w: {"copies": ["dossier"], "confirm": "on"},
        expect=MAKERS,
    ),
    Route("letters:correct", kwargs=_final, get=False, post=True, expect=MAKERS),
    Route("letters:pdf", kwargs=_final, expect=MAKERS),
    Route("letters:pdf", kwargs=_final, expect=MAKERS, query="copies=politie&copies=register"),
    Route("letters:pdf", kwargs=_concept, expect=MAKERS),
    Route(
        "letters:dispatch",
        kwargs=_final,
        expect=MAKERS,
        post=True,
        post_data=lambda w: {"method": "post", "dispatched_at": _now()},
    ),
    Route("letters:register", expect=COORDINATOR),
    Route("letters:register", expect=COORDINATOR, query="method=aangetekend&kind=x&sent_from=2026-01-01"),
    Route("letters:register-export", expect=COORDINATOR, query="formaat=csv"),
    Route("letters:register-export", expect=COORDINATOR, query="formaat=xlsx&method=post"),
    Route("letters:templates", expect=COORDINATOR),
    Route(
        "letters:template-edit",
        kwargs=lambda w: {"pk": w.letter_template.pk},
        expect=COORDINATOR,
        post=True,
        post_data=lambda w: {"subject": "Let op", "body": "<p>{{ dader.naam }}</p>", "preview": "1"},
    ),
    Route(
        "letters:template-version",
        kwargs=lambda w: {"pk": w.letter_template.pk, "number": 1},
        expect=COORDINATOR,
    ),
]


def build(world):
    from letters.constants import LetterKind
    from letters.models import LetterTemplate
    from letters.services import template_defaults_install
    from tests.letters.helpers import concept, dispatched, final

    template_defaults_install()  # a transactional test may have flushed the migration's rows
    world.letter_template = LetterTemplate.objects.get(code=LetterKind.WARNING)
    world.letter_concept = concept(world.incident, world.aggressor, world.manager, signatory=world.signatory)
    world.letter_final = final(world.incident, world.aggressor, world.manager, signatory=world.signatory)
    dispatched(world.letter_final, world.manager)
