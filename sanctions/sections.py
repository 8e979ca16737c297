"""Measures on an incident's dossier and on the aggressor's person page (gir.registry)."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gir.formatting import pk_url
from sanctions.constants import MeasureStatus, MeasureType, PoliceOutcome
from sanctions.history import contact_conditions_for
from sanctions.models import Ban, BanLocation, Measure


def _related(measure, name: str):
    try:
        return getattr(measure, name)
    except ObjectDoesNotExist:
        return None


def _next_step(measure) -> list[dict]:
    """What still has to happen for a measure that is in force, as links to where it is done."""
    if measure.status != MeasureStatus.DECIDED:
        return []
    steps = {
        MeasureType.ORDEGESPREK: (
            "ordegesprek",
            lambda o: not o.recorded_at,
            _("Ordegesprek vastleggen"),
            "sanctions:ordegesprek-record",
        ),
        MeasureType.BAN: (
            "ban",
            lambda b: b.served_on is None,
            _("Uitreiking vastleggen"),
            "sanctions:ban-serve",
        ),
        MeasureType.AANGIFTE: (
            "policereport",
            lambda r: r.outcome == PoliceOutcome.UNKNOWN,
            _("Uitkomst politie vastleggen"),
            "sanctions:police-outcome",
        ),
        MeasureType.POLICE_NOTICE: (
            "policereport",
            lambda r: r.outcome == PoliceOutcome.UNKNOWN,
            _("Uitkomst politie vastleggen"),
            "sanctions:police-outcome",
        ),
        MeasureType.DAMAGE_CLAIM: (
            "damageclaim",
            lambda c: c.outstanding > 0,
            _("Betaling vastleggen"),
            "sanctions:claim-payment",
        ),
    }
    if measure.type not in steps:
        return []
    name, pending, label, url_name = steps[measure.type]
    detail = _related(measure, name)
    if detail is None or not pending(detail):
        return []
    return [{"label": label, "url": pk_url(url_name, measure.pk)}]


def _measure_row(measure, in_scope: bool) -> dict:
    """The measure as a row of the dossier's "Maatregelen" block: its state and next step."""
    period = ""
    if measure.starts_on and measure.ends_on:
        period = _("%(start)s tot en met %(end)s") % {
            "start": f"{measure.starts_on:%d-%m-%Y}",
            "end": f"{measure.ends_on:%d-%m-%Y}",
        }
    return {
        "row": True,
        "kind": "measure",
        "measure_id": measure.pk,
        "at": measure.decided_at,
        "title": measure.get_type_display(),
        "text": period,
        "state": measure.get_status_display(),
        "done": measure.status != MeasureStatus.DECIDED,
        "url": pk_url("sanctions:detail", measure.pk) if in_scope else "",
        "next": _next_step(measure) if in_scope else [],
    }


def _in_scope(visible) -> bool | Q:
    """Whether a measure row is in ``visible``: a constant for those who see every measure (the
    coordinator) or none, else a condition. ``pk IN (all measures)`` made PostgreSQL hash the
    whole table on every dossier."""
    if visible.query.is_empty():
        return False
    if not visible.query.where:
        return True
    return Q(pk__in=visible.values("pk"))


def incident_measures(incident, user) -> list:
    """The incident's measures, earliest first, each with its details and ``in_scope`` (whether
    ``user`` may open it): one query, the scope checked in it, loaded once per incident object
    and user. The measures' dossier section and the letters' block ("Brief maken") share it."""
    key = f"_gir_measures_{user.pk}"
    loaded = incident.__dict__.get(key)
    if loaded is None:
        related = ("ordegesprek", "ban", "policereport", "damageclaim")
        in_scope = _in_scope(Measure.objects.visible_to(user))
        measures = incident.measures.select_related(*related).order_by("decided_at")
        if isinstance(in_scope, Q):
            loaded = list(measures.annotate(in_scope=ExpressionWrapper(in_scope, BooleanField())))
        else:  # a constant is set here rather than selected: one expression less to build
            loaded = list(measures)
            for measure in loaded:
                measure.in_scope = in_scope
        incident.__dict__[key] = loaded
    return loaded


def dossier_section(incident, user) -> list[dict]:
    """One timeline entry and one block row per measure for this incident. The reporter sees the
    type and date (the reaction to their report); the aggressor's name and the next steps only
    appear for users in scope."""
    entries = []
    for measure in incident_measures(incident, user):
        in_scope = measure.in_scope
        entries.append(
            {
                "at": measure.decided_at,
                "title": _("Maatregel besloten: %(type)s") % {"type": measure.get_type_display()},
                "text": "",
                "url": pk_url("sanctions:detail", measure.pk) if in_scope else "",
                "kind": "measure",
            }
        )
        entries.append(_measure_row(measure, in_scope))
    return entries


def _ban_alert(ban) -> dict:
    return {
        "at": ban.measure.decided_at,
        "title": _("Toegangsverbod van kracht tot en met %(end)s")
        % {"end": f"{ban.measure.ends_on:%d-%m-%Y}"},
        "text": ", ".join(ban.location_names()),
        "url": pk_url("sanctions:detail", ban.pk),
        "kind": "alert",
    }


def _condition_alert(condition) -> dict:
    return {
        "at": condition.measure.decided_at,
        "title": _("Contact op voorwaarden"),
        "text": "; ".join(condition.summary()),
        "url": pk_url("sanctions:detail", condition.pk),
        "kind": "alert",
    }


def person_alerts(aggressors, user) -> dict[int, list[dict]]:
    """The highlighted entries (a ban in force, contact conditions) of many people at once, for
    the dossier's aggressors: two queries, three when a ban names its buildings (rather than all
    of them), however many people (``PersonSection.alerts``)."""
    now = timezone.now()
    found: dict[int, list[dict]] = {person.pk: [] for person in aggressors}
    bans = Ban.objects.in_force(now).filter(measure__aggressor__in=aggressors)
    bans = list(bans.select_related("measure"))
    places = Prefetch("location_links", queryset=BanLocation.objects.select_related("location__parent"))
    prefetch_related_objects([ban for ban in bans if not ban.all_locations], places)
    for ban in bans:
        found[ban.measure.aggressor_id].append(_ban_alert(ban))
    for condition in contact_conditions_for(aggressors, now):
        found[condition.measure.aggressor_id].append(_condition_alert(condition))
    return found


def person_section(aggressor, user) -> list[dict]:
    """Active ban (highlighted), contact conditions and earlier measures for a person page."""
    now = timezone.now()
    entries = person_alerts([aggressor], user)[aggressor.pk]
    for measure in Measure.objects.visible_to(user).filter(aggressor=aggressor).order_by("-decided_at")[:50]:
        entries.append(
            {
                "at": measure.decided_at,
                "title": measure.get_type_display(),
                "text": measure.get_status_display(),
                "url": pk_url("sanctions:detail", measure.pk),
                "kind": "measure",
            }
        )
    if user.has_perm("sanctions.decide_measure"):
        entries.append(
            {
                "at": now,
                "title": _("Maatregel besluiten"),
                "text": _("Bekijk de geschiedenis en het voorstel van GIR."),
                "url": reverse("sanctions:decide", kwargs={"aggressor_pk": aggressor.pk}),
                "kind": "action",
            }
        )
    return entries
