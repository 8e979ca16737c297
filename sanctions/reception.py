"""The reception list: bans in force now, with only what reception may see."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from sanctions.models import Ban, BanLocation

MATCH_LIMIT = 5


def reception_rows(now=None, limit: int | None = None):
    """Only what reception may see: name, photo, period, locations, instruction.

    ``limit`` asks for the first rows only (the start page shows ten of hundreds).
    """
    bans = (
        Ban.objects.in_force(now)
        .select_related("measure__aggressor")
        .prefetch_related(
            Prefetch("location_links", queryset=BanLocation.objects.select_related("location__parent"))
        )
        .order_by("measure__aggressor__last_name", "measure__aggressor__first_name", "pk")
    )
    if limit is not None:
        bans = bans[:limit]
    return [
        {
            "pk": ban.pk,
            "name": ban.measure.aggressor.display_name,
            "has_photo": bool(ban.photo),
            "starts_on": max(ban.served_on, ban.measure.starts_on),
            "ends_on": ban.measure.ends_on,
            "locations": ban.location_names(),
            "instruction": ban.get_instruction_display(),
            "instruction_text": ban.instruction_text,
        }
        for ban in bans
    ]


_PK = 987654321  # stands for a ban's id in a URL reversed once for all cards


def _url_maker(name: str):
    """``pk -> url`` for a URL with one id, reversed once (500 cards, two links each)."""
    pattern = reverse(name, args=[_PK])
    return lambda pk: pattern.replace(str(_PK), str(pk))


def reception_cards(rows: list[dict]) -> list[dict]:
    """The rows as the printable list shows them: the texts and links of each card made here,
    where 500 cards of template tags (dates, translations, URLs) took ~100 ms of a request."""
    photo_url, breach_url = _url_maker("sanctions:ban-photo"), _url_maker("sanctions:breach")
    return [
        {
            **row,
            "photo_url": photo_url(row["pk"]) if row["has_photo"] else "",
            "photo_alt": _("Foto van %(name)s") % {"name": row["name"]},
            "starts_text": formats.date_format(row["starts_on"], "j F Y"),
            "ends_text": formats.date_format(row["ends_on"], "j F Y"),
            "where": ", ".join(row["locations"]),
            "instruction": str(row["instruction"]),
            "breach_url": breach_url(row["pk"]),
            "breach_label": _("Toch binnengekomen? Overtreding van %(name)s melden") % {"name": row["name"]},
        }
        for row in rows
    ]


def reception_matches(name: str, now=None) -> list[dict]:
    """Bans in force for a typed name: every word must occur in the first or last name.

    Returns nothing when more than ``MATCH_LIMIT`` match: a vague search must not turn into
    the list itself.
    """
    words = name.split()[:4]
    bans = Ban.objects.in_force(now).select_related("measure__aggressor")
    for word in words:
        bans = bans.filter(
            Q(measure__aggressor__last_name__icontains=word)
            | Q(measure__aggressor__first_name__icontains=word)
            | Q(measure__aggressor__initials__icontains=word)
        )
    found = list(bans.prefetch_related("location_links__location__parent")[: MATCH_LIMIT + 1])
    if len(found) > MATCH_LIMIT:
        return []
    return [
        {"pk": ban.pk, "name": ban.measure.aggressor.display_name, "locations": ban.location_names()}
        for ban in found
    ]
