"""The reception list: bans in force now, with only what reception may see."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
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


# Everything a card shows, as columns: a change to any of them changes the cached list's key.
_CARD_COLUMNS = (
    "pk",
    "photo",
    "served_on",
    "instruction",
    "instruction_text",
    "all_locations",
    "measure__starts_on",
    "measure__ends_on",
    "measure__aggressor_id",
    "measure__aggressor__first_name",
    "measure__aggressor__initials",
    "measure__aggressor__last_name",
)
_PLACE_COLUMNS = ("ban_id", "location_id", "location__name", "location__parent__name")
CARDS_SECONDS = 600  # an entry whose data changed is never read again; this only frees it
CARDS_TEMPLATE = "sanctions/includes/reception_cards.html"


@functools.cache
def _template_hash() -> str:
    """The release and the cards' template in the key: a new release's or template's cards are
    not served from the old one's entries."""
    source = settings.GIR_VERSION + get_template(CARDS_TEMPLATE).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _fingerprint(now=None) -> tuple[str, int]:
    """A hash of what the cards show now, and how many bans are in force, in two narrow
    queries that build no model objects."""
    bans = Ban.objects.in_force(now)
    cards = list(bans.order_by("pk").values_list(*_CARD_COLUMNS))
    places = BanLocation.objects.filter(ban__in=bans.values("pk")).order_by("ban_id", "location_id")
    content = repr((cards, list(places.values_list(*_PLACE_COLUMNS))))
    return hashlib.sha256(content.encode()).hexdigest(), len(cards)


def reception_cards_html(*, can_register_breach: bool, now=None) -> tuple[str, int]:
    """The reception list's cards as HTML, and how many bans are in force.

    Made and rendered, 500 cards cost ~60 ms of a request, and reception opens the list all
    day while it changes a few times a week. The HTML is kept in the shared cache under a hash
    of every column the cards show, read fresh on each request: a new, changed, revoked or
    erased ban or person, a renamed building, or a ban starting or ending at midnight gives a
    new key, so the list is never an old one; so do a new release and a changed template. The
    entry holds no more than the page shows reception and expires after ``CARDS_SECONDS``.
    """
    fingerprint, count = _fingerprint(now)
    if not count:
        return "", 0
    key = f"reception-cards:{_template_hash()}:{get_language()}:{int(can_register_breach)}:{fingerprint}"
    html = cache.get(key)
    if html is None:
        context = {"rows": reception_cards(reception_rows(now)), "can_register_breach": can_register_breach}
        html = render_to_string(CARDS_TEMPLATE, context)
        cache.set(key, html, CARDS_SECONDS)
    return mark_safe(html), count  # our own template's output, kept as text


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
