"""The benchmark's measures and bans in force (with photos), on incidents already seeded."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from incidents.models import IncidentAggressor

BATCH = 5000


def scaled(base: int, scale: float) -> int:
    """A count at this scale, at least one."""
    return max(1, round(base * scale))


def _photo(rng: random.Random) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (120, 160), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def seed_measures(seeded, rng: random.Random) -> None:
    """20,000 measures on linked incidents, and 500 bans in force with a photo each."""
    from sanctions.constants import MeasureStatus, MeasureType
    from sanctions.models import Measure

    links = list(
        IncidentAggressor.objects.values_list("incident_id", "aggressor_id", "incident__occurred_at")
    )
    rng.shuffle(links)
    n = min(scaled(20_000, seeded.scale), len(links))
    types = [t for t in MeasureType if t != MeasureType.BAN]
    weights = [30, 25, 15, 8, 6, 8, 4, 1, 3][: len(types)]
    rows, incident_of = [], []
    for incident_id, aggressor_id, at in links[:n]:
        rows.append(
            Measure(
                type=rng.choices(types, weights=weights)[0],
                aggressor_id=aggressor_id,
                decided_by=seeded.coordinator,
                decided_at=at + dt.timedelta(days=2),
                reason="Benchmark",
                status=MeasureStatus.DONE,
            )
        )
        incident_of.append(incident_id)
    today = timezone.localdate()
    bans = scaled(500, seeded.scale)
    for incident_id, aggressor_id, _at in links[n : n + bans]:
        rows.append(
            Measure(
                type=MeasureType.BAN,
                aggressor_id=aggressor_id,
                decided_by=seeded.coordinator,
                decided_at=timezone.now() - dt.timedelta(days=30),
                reason="Benchmark",
                starts_on=today - dt.timedelta(days=rng.randint(1, 60)),
                ends_on=today + dt.timedelta(days=rng.randint(30, 300)),
            )
        )
        incident_of.append(incident_id)
    _store(rows, incident_of)
    seeded.counts.update(measures=n, active_bans=_bans(rows[n:], rng))


def _store(rows: list, incident_of: list[int]) -> None:
    from sanctions.models import Measure

    Measure.objects.bulk_create(rows, batch_size=BATCH)
    Through = Measure.incidents.through
    Through.objects.bulk_create(
        [Through(measure_id=m.pk, incident_id=i) for m, i in zip(rows, incident_of, strict=True)],
        batch_size=BATCH,
    )


def _bans(measures: list, rng: random.Random) -> int:
    """A served ban with a photo for each ban measure; returns how many."""
    from sanctions.models import Ban

    ban_rows = []
    for measure in measures:
        name = default_storage.save(f"bans/bench-{measure.pk}.jpg", ContentFile(_photo(rng)))
        ban_rows.append(Ban(measure=measure, served_on=measure.starts_on, photo=name))
    Ban.objects.bulk_create(ban_rows, batch_size=BATCH)
    return len(ban_rows)
