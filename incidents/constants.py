"""Choices of the incident registration (DESIGN.md step 1) and the status transition table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REPORTED = "gemeld", _("Gemeld")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    CLOSED = "afgehandeld", _("Afgehandeld")


# Allowed status changes; every change appends a StatusChange row. Reopening is allowed.
TRANSITIONS = {
    Status.REPORTED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.IN_PROGRESS: {Status.CLOSED},
    Status.CLOSED: {Status.IN_PROGRESS},
}


class LocationType(models.TextChoices):
    COUNTER = "balie", _("Balie of receptie")
    MEETING_ROOM = "spreekkamer", _("Spreekkamer")
    PHONE = "telefoon", _("Telefoon")
    HOME_VISIT = "huisbezoek", _("Huisbezoek")
    OUTDOORS = "openbare_ruimte", _("Openbare ruimte of buitenlocatie")
    WRITTEN = "schriftelijk", _("Schriftelijk (brief)")
    DIGITAL = "digitaal", _("E-mail of sociale media")
    MEETING = "vergadering", _("Vergadering")
    OTHER = "overig", _("Anders")


class AggressionForm(models.TextChoices):
    INSULT = "schelden", _("Schelden of beledigen")
    SHOUTING = "verbaal", _("Verbaal geweld of schreeuwen")
    DISCRIMINATION = "discriminatie", _("Discriminatie")
    SEXUAL = "seksueel", _("Seksuele intimidatie")
    INTIMIDATION = "intimidatie", _("Intimidatie")
    THREAT = "bedreiging", _("Bedreiging")
    WEAPON = "wapen", _("Bedreiging met een wapen")
    STALKING = "stalking", _("Stalking of belaging")
    PROPERTY_VIOLENCE = "zaakgericht", _("Geweld tegen spullen (vernielen, gooien)")
    PHYSICAL = "fysiek", _("Fysiek geweld tegen een persoon")
    REFUSE_LEAVE = "weigeren_vertrek", _("Weigeren te vertrekken")
    HOSTAGE = "gijzeling", _("Gijzeling of overval")
    DIGITAL = "digitaal", _("Digitale agressie")
    RECORDING = "opname", _("Ongewenst filmen of opnemen")
    OTHER = "overig", _("Anders")


# Forms after which the coordinator is told at once, next to the manager.
SERIOUS_FORMS = {AggressionForm.PHYSICAL, AggressionForm.WEAPON, AggressionForm.HOSTAGE}
# Forms after which melding or aangifte at the police is expected within the norm.
POLICE_FORMS = {
    AggressionForm.THREAT,
    AggressionForm.WEAPON,
    AggressionForm.PHYSICAL,
    AggressionForm.HOSTAGE,
    AggressionForm.STALKING,
    AggressionForm.PROPERTY_VIOLENCE,
}


class AggressionKind(models.TextChoices):
    FRUSTRATION = "frustratie", _("Frustratie-agressie")
    INSTRUMENTAL = "instrumenteel", _("Instrumentele agressie")
    RANDOM = "willekeurig", _("Willekeurige agressie")


class ReporterRole(models.TextChoices):
    SELF = "zelf", _("Het overkwam mij")
    WITNESS = "getuige", _("Ik was getuige")
    MANAGER = "leidinggevende", _("Ik meld als leidinggevende")


class InvolvementRole(models.TextChoices):
    VICTIM = "slachtoffer", _("Slachtoffer")
    WITNESS = "getuige", _("Getuige")


class VictimKind(models.TextChoices):
    EMPLOYEE = "medewerker", _("Medewerker")
    OFFICE_HOLDER = "bestuurder", _("Politiek ambtsdrager (burgemeester, wethouder, raadslid)")
    OTHER = "anders", _("Anders (bijvoorbeeld inhuur of stagiair)")


class EvidenceKind(models.TextChoices):
    PHOTO = "foto", _("Foto of schermafbeelding")
    DOCUMENT = "document", _("Document (PDF)")
    AUDIO = "geluid", _("Geluidsopname")
    VIDEO = "video", _("Video")


class PolicePlan(models.TextChoices):
    """What the manager decided in the first talk about the police (DESIGN.md step 2)."""

    UNDECIDED = "", _("Nog niet besloten")
    MELDING = "melding", _("Melding bij de politie")
    AANGIFTE = "aangifte", _("Aangifte bij de politie")
    NONE = "geen", _("Geen melding of aangifte")


class EventKind(models.TextChoices):
    """What an IncidentEvent on the dossier timeline records."""

    REPORTED = "gemeld", _("Melding gedaan")
    UPDATED = "gewijzigd", _("Gegevens aangevuld")
    TIME_CORRECTED = "tijd", _("Tijdstip gecorrigeerd")
    INVOLVEMENT = "betrokkene", _("Betrokkene toegevoegd")
    AGGRESSOR_LINKED = "dader_gekoppeld", _("Dader gekoppeld")
    AGGRESSOR_UNLINKED = "dader_ontkoppeld", _("Dader ontkoppeld")
    EVIDENCE = "bewijs", _("Bewijsstuk toegevoegd")
    FIRST_TALK = "opvang", _("Eerste opvang vastgelegd")
    REACTION_WAIVED = "geen_reactie", _("Geen reactie naar de dader mogelijk")
    INSPECTORATE = "arbeidsinspectie", _("Gemeld bij de Arbeidsinspectie")
    HANDLER = "behandelaar", _("Behandelaar")


# Deadline kinds opened by this app (labels are registered in IncidentsConfig.ready()).
DEADLINE_REACTION = "incident_reaction"
DEADLINE_POLICE = "incident_police_report"
DEADLINE_INSPECTORATE = "incident_inspectorate"

MAX_EVIDENCE_PER_INCIDENT = 20
