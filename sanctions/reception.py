"""The reception list: bans in force now, with only what reception may see."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from gir.formatting import long_datetime, pk_url
from sanctions.models import Ban, BanLocation

MATCH_LIMIT = 5


def in_force_by_name(now=None):
    """Bans in force now with their person, in the order reception reads them (by name)."""
    return (
        Ban.objects.in_force(now)
        .select_related("measure__aggressor")
        .order_by("measure__aggressor__last_name", "measure__aggressor__first_name", "pk")
    )


def reception_rows(now=None):
    """Only what reception may see: name, photo, period, locations, instruction."""
    bans = in_force_by_name(now).prefetch_related(
        Prefetch("location_links", queryset=BanLocation.objects.select_related("location__parent"))
    )
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


def reception_cards(rows: list[dict]) -> list[dict]:
    """The rows as the printable list shows them: the texts and links of each card made here,
    where 500 cards of template tags (dates, translations, URLs) took ~100 ms of a request."""
    return [
        {
            **row,
            "photo_url": pk_url("sanctions:ban-photo", row["pk"]) if row["has_photo"] else "",
            "photo_alt": _("Foto van %(name)s") % {"name": row["name"]},
            "starts_text": long_datetime(row["starts_on"]),
            "ends_text": long_datetime(row["ends_on"]),
            "where": ", ".join(row["locations"]),
            "instruction": str(row["instruction"]),
            "breach_url": pk_url("sanctions:breach", row["pk"]),
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
