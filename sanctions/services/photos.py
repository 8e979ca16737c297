"""A ban's photo: taken from the aggressor's record or uploaded, added or replaced later.

Reception always sees the current one (``Ban.photo``). Every change is a ``MeasureEvent`` row
(who, when, from where); the replaced image itself is deleted, not kept: an old photo of a
person serves no purpose the current one does not, and would escape the retention job.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gir.errors import RuleViolation
from sanctions.constants import EventKind
from sanctions.models import Ban
from sanctions.services.common import add_event


def copy_aggressor_photo(ban: Ban, aggressor) -> None:
    with aggressor.photo.open("rb") as source:
        content = ContentFile(source.read())
    extension = aggressor.photo.name.rsplit(".", 1)[-1].lower()
    ban.photo.save(f"verbod-{ban.pk}.{extension}", content, save=True)


@transaction.atomic
def ban_photo_set(*, ban: Ban, by, upload=None, from_aggressor: bool = False) -> Ban:
    """Give the ban a new current photo: an upload (already validated) or the aggressor's photo."""
    ban = Ban.objects.select_for_update().select_related("measure__aggressor").get(pk=ban.pk)
    aggressor = ban.measure.aggressor
    if (upload is None) == (not from_aggressor):
        raise RuleViolation(_("Kies een foto, of neem de foto uit het daderdossier."), field="photo")
    if from_aggressor and not aggressor.photo:
        raise RuleViolation(_("In het daderdossier staat geen foto."), field="from_aggressor")
    old = ban.photo.name if ban.photo else ""
    if from_aggressor:
        copy_aggressor_photo(ban, aggressor)
        source = _("uit het daderdossier")
    else:
        ban.photo.save(upload.name, upload, save=True)
        source = _("geüpload")
    if old and old != ban.photo.name:
        transaction.on_commit(lambda: ban.photo.storage.delete(old))
    verb = _("Foto vervangen") if old else _("Foto toegevoegd")
    add_event(ban.measure, by, EventKind.PHOTO, f"{verb} ({source})")
    return ban
