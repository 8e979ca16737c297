"""Removing every other person's name from text about the subject, as whole words.

Names are compared word by word (case-insensitive, Unicode letters), so "Jan" is removed from
"Jan zei" but not from "januari", and "van den Berg" only as the three words together. Every
user, every person named in an incident, every signatory and every other aggressor counts as
"another person"; the subject's own name parts are kept.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model

REDACTED = "[naam]"
WORD = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)
MAX_WORDS = 5


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in WORD.findall(text or ""))


# Words that name a function, not a person: an account called after one is not redacted as a name.
GENERIC = {
    (w,)
    for w in (
        "medewerker",
        "collega",
        "leidinggevende",
        "coordinator",
        "coördinator",
        "receptie",
        "beheerder",
        "privacy",
        "bedrijfsopvang",
        "gemandateerde",
        "admin",
        "balie",
    )
}


# Dutch (and a few other) name particles: never a name on their own ("de", "van").
PARTICLES = {
    *("van", "de", "den", "der", "het", "ter", "ten", "te", "op", "in", "'t"),
    *("la", "le", "da", "du", "von", "el", "al"),
}


def name_forms(full: str) -> set[str]:
    """The ways a name typed as one text ("M. van den Berg", "Wendy Wolters") can appear in other
    text: whole, without initials, the surname with its particles, the surname, the first name."""
    words = WORD.findall(full or "")
    named = [w for w in words if len(w) > 1]  # initials ("M.") are not a name on their own
    forms = {full or "", " ".join(named)}
    if named:
        # The surname starts at its first particle ("van den Berg"), else it is the last word.
        at = next((i for i, w in enumerate(named) if w.casefold() in PARTICLES), len(named) - 1)
        forms.update([" ".join(named[at:]), named[-1]])
        if at > 0:
            forms.add(named[0])  # the first name, when one was given
    return {f for f in forms if f and not {w.casefold() for w in WORD.findall(f)} <= PARTICLES}


class Redactor:
    def __init__(self, names, keep=()):
        kept = {_words(name) for name in keep if name}
        self.names = {
            words
            for words in map(_words, names)
            if words and len(words) <= MAX_WORDS and words not in kept and len("".join(words)) > 1
        }
        self.longest = max((len(w) for w in self.names), default=0)

    def __call__(self, text: str | None) -> str:
        if not text or not self.names:
            return text or ""
        matches = list(WORD.finditer(text))
        out, cursor, i = [], 0, 0
        while i < len(matches):
            size = self._match_at(matches, i)
            if size:
                out.append(text[cursor : matches[i].start()] + REDACTED)
                cursor = matches[i + size - 1].end()
                i += size
            else:
                i += 1
        return "".join(out) + text[cursor:]

    def _match_at(self, matches, i: int) -> int:
        for size in range(min(self.longest, len(matches) - i), 0, -1):
            words = tuple(m.group().casefold() for m in matches[i : i + size])
            if words in self.names:
                return size
        return 0


def redactor_for(aggressor) -> Redactor:
    """Everyone GIR knows except the subject: users, named people, signatories, other aggressors."""
    from gir.models import Signatory
    from incidents.models import Aggressor, Involvement

    names: set[str] = set()
    for first, last, username in get_user_model().objects.values_list("first_name", "last_name", "username"):
        names.update([first, last, f"{first} {last}"])
        if _words(username) not in GENERIC:  # "medewerker" as an account name is not a name in text
            names.add(username)
    for name in Involvement.objects.exclude(name="").values_list("name", flat=True):
        names.update(name_forms(name))
    for name in Signatory.objects.values_list("name", flat=True):
        names.update(name_forms(name))
    others = Aggressor.objects.exclude(pk=aggressor.pk).values_list("first_name", "last_name", "initials")
    for first, last, initials in others:
        names.update([first, last, f"{first} {last}", f"{initials} {last}"])
    keep = [aggressor.first_name, aggressor.last_name, aggressor.display_name, aggressor.initials]
    return Redactor(names, keep=keep)
