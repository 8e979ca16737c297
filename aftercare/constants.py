"""Aftercare (nazorg) statuses, talk outcomes, referral kinds and the transition table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    CLOSED = "afgesloten", _("Afgesloten")


class TalkStatus(models.TextChoices):
    TO_PLAN = "te_plannen", _("Nog te plannen")
    PLANNED = "gepland", _("Gepland")
    HELD = "gehouden", _("Gehouden")
    DECLINED = "afgeslagen", _("Afgeslagen")
    NOT_NEEDED = "niet_nodig", _("Niet nodig")


# The only allowed moves. A declined talk is offered again: it can then be planned or held
# after all, declined once more, or found not needed. Held and not needed are final.
TALK_TRANSITIONS: dict[str, set[str]] = {
    TalkStatus.TO_PLAN: {TalkStatus.PLANNED, TalkStatus.HELD, TalkStatus.DECLINED, TalkStatus.NOT_NEEDED},
    TalkStatus.PLANNED: {TalkStatus.PLANNED, TalkStatus.HELD, TalkStatus.DECLINED, TalkStatus.NOT_NEEDED},
    TalkStatus.DECLINED: {TalkStatus.PLANNED, TalkStatus.HELD, TalkStatus.DECLINED, TalkStatus.NOT_NEEDED},
    TalkStatus.HELD: set(),
    TalkStatus.NOT_NEEDED: set(),
}

# Statuses in which the talk's deadline is still running.
OPEN_TALK_STATUSES = {TalkStatus.TO_PLAN, TalkStatus.PLANNED}


class TalkOutcome(models.TextChoices):
    HELD = TalkStatus.HELD.value, _("Het gesprek is gehouden")
    DECLINED = TalkStatus.DECLINED.value, _("De medewerker wil (nu) geen gesprek")
    NOT_NEEDED = TalkStatus.NOT_NEEDED.value, _("Dit gesprek is niet nodig")


class ReferralKind(models.TextChoices):
    COMPANY_DOCTOR = "bedrijfsarts", _("Bedrijfsarts")
    GP = "huisarts", _("Huisarts")
    PSYCHOLOGIST = "psycholoog", _("Psycholoog")
    VICTIM_SUPPORT = "slachtofferhulp", _("Slachtofferhulp Nederland")
    OTHER = "anders", _("Anders")


class CloseReason(models.TextChoices):
    COMPLETED = "afgerond", _("Nazorg afgerond")
    REFERRED = "doorverwezen", _("Doorverwezen naar professionele hulp")
    NOT_WANTED = "niet_gewenst", _("Medewerker wil geen nazorg")
    OTHER = "anders", _("Andere reden")


# Deadline kinds of this app (gir.deadlines). One per talk number, and the new offer after a decline.
TALK_DEADLINE_KINDS = {1: "aftercare_talk_1", 2: "aftercare_talk_2", 3: "aftercare_talk_3"}
REOFFER_DEADLINE_KIND = "aftercare_reoffer"
TALK_NORM_FIELDS = {1: "aftercare_talk1_norm", 2: "aftercare_talk2_norm", 3: "aftercare_talk3_norm"}

SMALL_COUNT = 5  # reports show counts from 1 to 4 as "< 5" (no traceable individuals)
