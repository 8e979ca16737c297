"""Choices of the letters app: kinds of letter, statuses, copies and ways of dispatch."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    """The nine letters of DESIGN.md step 4; each has one default template."""

    ORDEGESPREK_INVITATION = "uitnodiging_ordegesprek", _("Uitnodiging ordegesprek")
    AGREEMENTS = "bevestiging_afspraken", _("Bevestiging gemaakte afspraken")
    WARNING = "schriftelijke_waarschuwing", _("Schriftelijke waarschuwing")
    BAN_INTENT = "voornemen_toegangsverbod", _("Voornemen tot toegangsverbod")
    BAN_DECISION = "besluit_toegangsverbod", _("Besluit toegangsverbod")
    BAN_BREACH = "overtreding_toegangsverbod", _("Brief na overtreding van het toegangsverbod")
    VISIT_PERMIT = "verklaring_bezoek", _("Verklaring voor een noodzakelijk bezoek")
    WRITTEN_AGGRESSION = "reactie_schriftelijke_agressie", _("Reactie op schriftelijke of digitale agressie")
    DAMAGE_CLAIM = "aansprakelijkstelling_schade", _("Aansprakelijkstelling voor schade")


class LetterStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    FINAL = "definitief", _("Definitief")


class Copy(models.TextChoices):
    """The five copies of seed 004 §8.1. The label is what the copy is marked with on every page."""

    RECIPIENT = "ontvanger", _("ontvanger")
    DOSSIER = "dossier", _("dossier")
    POLICE = "politie", _("politie")
    REGISTER = "register", _("register coördinator")
    REGISTERED_MAIL = "aangetekend", _("aangetekende zending")


COPY_HELP = {
    Copy.RECIPIENT: _("Ontvanger: persoonlijk overhandigen of per post versturen"),
    Copy.DOSSIER: _("Dossier"),
    Copy.POLICE: _("Politie: als er aangifte is gedaan"),
    Copy.REGISTER: _("Register van de coördinator"),
    Copy.REGISTERED_MAIL: _(
        "Aangetekende zending: bij een besluit, of als de brief niet persoonlijk kon worden overhandigd"
    ),
}

DEFAULT_COPIES = [Copy.RECIPIENT, Copy.DOSSIER, Copy.REGISTER]


class DispatchMethod(models.TextChoices):
    HANDED_RECEIPT = "overhandigd", _("Persoonlijk overhandigd, ontvangst getekend")
    HANDED_REFUSED = "geweigerd", _("Persoonlijk overhandigd, tekenen geweigerd")
    POST = "post", _("Gewone post")
    REGISTERED = "aangetekend", _("Aangetekende post")
    EMAIL = "email", _("E-mail")


# The deadline kind the incidents app opens for the 48-hour norm; a dispatched letter closes it.
REACTION_DEADLINE = "incident_reaction"
