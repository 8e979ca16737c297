"""The descriptions of audit entries, in Dutch and translatable at display time.

An audit entry stores its description as plain text in the source language (Dutch, ADR 0003),
because the log is append-only (``gir.history``): a stored row is never rewritten. The viewer
and its export show ``describe(entry.description)``: the stored text is matched against the
known descriptions below and shown in the reader's language. Rows written before the
descriptions were Dutch ("letter finalised", "dispatch of letter 3") match a ``legacy`` form of
their description and are shown in Dutch too.

A description holds ids and codes only, never personal data (``gir.audit.audit_log``). A code
an app knows the words for (a letter kind) is shown in those words: the description's ``labels``
names the ``gir.registry.AuditLabel`` the app registered for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N

from gir.registry import audit_label

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _regex(template: str) -> re.Pattern:
    parts, last = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append(f"(?P<{match.group(1)}>\\S+)")  # ids, numbers and codes: no spaces
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


@dataclass(frozen=True)
class AuditText:
    """One description: ``msgid`` with ``%(name)s`` placeholders, and older stored forms of it."""

    msgid: str
    legacy: tuple[str, ...] = ()
    # placeholder -> the registered AuditLabel that shows its code in words ({"kind": "letter_kind"})
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    patterns: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "patterns", tuple(_regex(t) for t in (self.msgid, *self.legacy)))
        DESCRIPTIONS.append(self)

    def __call__(self, **values) -> str:
        """The text to store (source language)."""
        return self.msgid % values


DESCRIPTIONS: list[AuditText] = []


def match(stored: str) -> tuple[AuditText, dict] | None:
    """The known description a stored text is a form of, with its values; ``None`` if unknown.

    The most specific form wins ("letter pdf" is the PDF, not a letter of kind "pdf").
    """
    matches = [
        (len(re.sub(r"\(\?P<\w+>\\S\+\)", "", pattern.pattern)), text, pattern)
        for text in DESCRIPTIONS
        for pattern in text.patterns
        if pattern.fullmatch(stored)
    ]
    if not matches:
        return None
    _length, text, pattern = max(matches, key=lambda m: m[0])
    return text, pattern.fullmatch(stored).groupdict()


def describe(stored: str) -> str:
    """A stored description as the reader sees it: Dutch (or their language); unknown text as stored."""
    found = match(stored)
    if found is None:
        return stored
    text, values = found
    for placeholder, name in text.labels.items():
        if placeholder in values:
            values[placeholder] = audit_label(name, values[placeholder])
    return gettext(text.msgid) % values


# Letters
LETTER_CREATED = AuditText(
    N("brief gemaakt (%(kind)s)"), legacy=("letter %(kind)s",), labels={"kind": "letter_kind"}
)
LETTER_EDITED = AuditText(N("concept van de brief gewijzigd"), legacy=("letter concept edited",))
LETTER_FINALISED = AuditText(N("brief definitief gemaakt"), legacy=("letter finalised",))
LETTER_CORRECTED = AuditText(
    N("correctiebrief gemaakt voor brief %(letter)s"), legacy=("correction of letter %(letter)s",)
)
LETTER_DISPATCHED = AuditText(
    N("verzending van brief %(letter)s vastgelegd"), legacy=("dispatch of letter %(letter)s",)
)
LETTER_VIEWED = AuditText(N("brief bekeken"), legacy=("letter",))
LETTERS_OF_INCIDENT = AuditText(N("brieven van het incident bekeken"), legacy=("letters of incident",))
LETTER_PROOF_PDF = AuditText(N("proefafdruk van de brief (PDF)"), legacy=("letter concept pdf",))
LETTER_COPIES_PDF = AuditText(N("exemplaren van de brief (PDF)"), legacy=("letter copies pdf",))
LETTER_PDF = AuditText(N("brief als PDF"), legacy=("letter pdf",))
TEMPLATE_VERSION = AuditText(N("sjabloon: nieuwe versie %(number)s"), legacy=("template v%(number)s",))
TEMPLATE_SAVED = AuditText(N("sjabloon %(template)s versie %(number)s"))
DISPATCH_REGISTER_EXPORT = AuditText(N("verzendregister (%(fmt)s)"), legacy=("dispatch register %(fmt)s",))

# Aftercare
AFTERCARE_NOTE_ADDED = AuditText(
    N("vertrouwelijke notitie toegevoegd aan nazorg %(case)s"), legacy=("aftercare note case %(case)s",)
)
AFTERCARE_NOTE_VIEWED = AuditText(
    N("vertrouwelijke notitie van nazorg %(case)s bekeken"), legacy=("aftercare note of case %(case)s",)
)
AFTERCARE_CASE_VIEWED = AuditText(N("nazorg bekeken"), legacy=("aftercare case",))
AFTERCARE_INVITATION = AuditText(
    N("uitnodiging voor een nazorggesprek"), legacy=("aftercare talk invitation",)
)
AFTERCARE_QUARTER_REPORT = AuditText(
    N("kwartaaloverzicht nazorg %(year)s"), legacy=("aftercare quarterly report %(year)s",)
)

# Roles: older rows stored the grant's status code ("confirmed", "refused").
ROLE_CONFIRMED = AuditText(
    N("rol %(role)s bevestigd voor gebruiker %(user)s"),
    legacy=("rol %(role)s confirmed voor gebruiker %(user)s",),
)
ROLE_REFUSED = AuditText(
    N("rol %(role)s geweigerd voor gebruiker %(user)s"),
    legacy=("rol %(role)s refused voor gebruiker %(user)s",),
)
ROLE_REQUESTED = AuditText(N("rol %(role)s aangevraagd voor gebruiker %(user)s"))
PASSWORD_LINK = AuditText(N("link om wachtwoord te kiezen gestuurd aan gebruiker %(user)s"))
SECOND_FACTOR_SET = AuditText(N("tweede stap ingesteld"))
SECOND_FACTOR_RESET = AuditText(N("tweede stap van gebruiker %(user)s hersteld"))

# Incidents and aggressors
AGGRESSOR_IN_RESULTS = AuditText(N("dader %(pk)s in zoekresultaat"))
AGGRESSOR_AS_DUPLICATE = AuditText(N("dader %(pk)s als mogelijke dubbele"))
AGGRESSOR_VIEWED = AuditText(N("dader %(pk)s"))
AGGRESSOR_EDIT = AuditText(N("dader %(pk)s wijzigen"))
AGGRESSOR_PHOTO = AuditText(N("foto dader %(pk)s"))
AGGRESSOR_ON_DOSSIER = AuditText(N("dader %(pk)s op dossier %(incident)s"))
EVIDENCE_DOWNLOAD = AuditText(N("bewijsstuk %(pk)s van incident %(incident)s"))
INCIDENT_LIST_EXPORT = AuditText(N("export incidentenlijst (%(rows)s rijen, %(fmt)s)"))
AGGRESSOR_ON_LETTER_LIST = AuditText(N("dader %(pk)s op brievenlijst"))
AGGRESSOR_ON_LETTERS = AuditText(N("dader %(pk)s op brieven van incident %(incident)s"))
AGGRESSOR_ON_NEW_LETTER = AuditText(N("dader %(pk)s op formulier nieuwe brief"))
AGGRESSOR_IN_REGISTER_EXPORT = AuditText(N("dader %(pk)s in export verzendregister"))
AGGRESSOR_ON_MEASURE = AuditText(N("dader %(pk)s op actiepagina maatregel %(measure)s"))

# Sanctions
BAN_REGISTER_VIEWED = AuditText(
    N("register toegangsverboden bekeken (%(rows)s rijen)"),
    legacy=("Register toegangsverboden bekeken (%(rows)s rijen)",),
)
BAN_REGISTER_CSV = AuditText(
    N("register toegangsverboden CSV (%(rows)s rijen)"),
    legacy=("Register toegangsverboden CSV (%(rows)s rijen)",),
)
BAN_PHOTO = AuditText(N("foto toegangsverbod bekeken"), legacy=("Foto toegangsverbod bekeken",))
RECEPTION_LIST = AuditText(
    N("receptielijst toegangsverboden (%(count)s personen)"),
    legacy=("Receptielijst toegangsverboden (%(count)s personen)",),
)
NAME_AT_BREACH = AuditText(N("naam bij overtreding toegangsverbod %(ban)s"))
BAN_SEARCH_AT_BREACH = AuditText(
    N("toegangsverbod gezocht voor overtreding (%(count)s treffers)"),
    legacy=("Toegangsverbod gezocht voor overtreding (%(count)s treffers)",),
)
MEASURE_VIEWED = AuditText(N("maatregel bekeken"), legacy=("Maatregel bekeken",))
MEASURE_LIST = AuditText(
    N("lijst maatregelen bekeken (pagina %(page)s)"), legacy=("Lijst maatregelen bekeken (pagina %(page)s)",)
)
HISTORY_AT_DECISION = AuditText(
    N("geschiedenis dader bij besluit maatregel"), legacy=("Geschiedenis dader bij besluit maatregel",)
)
START_PAGE_BANS = AuditText(
    N("startpagina: toegangsverboden (%(count)s personen)"),
    legacy=("Startpagina: toegangsverboden (%(count)s personen)",),
)

# Reports and privacy
REPORT_PDF = AuditText(N("rapportage-PDF #%(pk)s"))
AUDITLOG_EXPORT = AuditText(N("auditlog %(rows)s regels"))
RETENTION = AuditText(N("bewaartermijnen"))
AGGRESSOR_IN_SUBJECT_SEARCH = AuditText(N("dader %(pk)s in zoekresultaat inzageverzoek"))
SUBJECT_ACCESS_EXPORT = AuditText(N("inzageverzoek %(fmt)s"))
REPORT_EXPORT = AuditText(
    N("rapportage (%(what)s) van %(start)s tot en met %(end)s, afdeling %(department)s"),
    legacy=("rapportage %(what)s %(start)s..%(end)s afdeling=%(department)s",),
)
COMPARISON_IMPORTED = AuditText(
    N("vergelijkingsbestand over %(year)s ingelezen (%(fmt)s, sha256 %(sha)s)"),
    legacy=("vergelijkingsbestand ingelezen jaar=%(year)s formaat=%(fmt)s sha256=%(sha)s",),
)
COMPARISON_DELETED = AuditText(
    N("vergelijkingsbestand over %(year)s verwijderd (sha256 %(sha)s)"),
    legacy=("vergelijkingsbestand verwijderd jaar=%(year)s sha256=%(sha)s",),
)
HEADCOUNT_DEPARTMENT = AuditText(
    N("aantal medewerkers van afdeling %(department)s in %(year)s"),
    legacy=("aantal medewerkers afdeling=%(department)s jaar=%(year)s: %(before)s -> %(after)s",),
)
HEADCOUNT_ORGANISATION = AuditText(N("aantal medewerkers van de organisatie in %(year)s"))
