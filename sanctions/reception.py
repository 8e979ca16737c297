"""The reception list: bans in force now, with only what reception may see."""

from __future__ import annotations

from django.db.models import Prefetch, Q

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
