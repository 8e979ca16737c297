"""The reception list: bans in force now, with only what reception may see."""

from __future__ import annotations

from django.db.models import Prefetch

from sanctions.models import Ban, BanLocation


def reception_rows(now=None):
    """Only what reception may see: name, photo, period, locations, instruction."""
    bans = (
        Ban.objects.in_force(now)
        .select_related("measure__aggressor")
        .prefetch_related(
            Prefetch("location_links", queryset=BanLocation.objects.select_related("location__parent"))
        )
        .order_by("measure__aggressor__last_name", "measure__aggressor__first_name", "pk")
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
