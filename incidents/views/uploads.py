"""Shared upload handling for forms with files: accepted files are kept as PendingUploads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incidents.constants import MAX_EVIDENCE_PER_INCIDENT
from incidents.services import pending_for, upload_accept
from incidents.services.evidence import EvidenceNotStored

STORAGE_TROUBLE = gettext_lazy(
    "dit bestand kon door een storing niet worden bewaard. "
    "Probeer het later opnieuw of meld het de beheerder."
)


def collect_uploads(
    request, form_class, *, files_field: str = "files", strict_storage: bool = True, **form_kwargs
):
    """Bind ``form_class`` with the POST data; keep every acceptable uploaded file.

    Files accepted now or in an earlier attempt are carried in the hidden ``pending`` field,
    so a form that fails on another field still has them. Returns ``(form, pending)``;
    ``form.unsaved_files`` names the files the storage refused (full or unwritable folder).
    Those are form errors, unless ``strict_storage`` is False: then the caller goes on
    without them (a report is filed anyway) and tells the user.
    """
    data = request.POST.copy()
    pending = pending_for(request.user, data.get("pending", "").split(","))
    errors, unsaved = [], []
    uploaded = request.FILES.getlist(files_field)
    room = MAX_EVIDENCE_PER_INCIDENT - len(pending)
    if len(uploaded) > room:
        errors.append(
            _("U kunt ten hoogste %(max)d bestanden tegelijk toevoegen.") % {"max": MAX_EVIDENCE_PER_INCIDENT}
        )
        uploaded = uploaded[: max(room, 0)]
    for upload in uploaded:
        try:
            pending.append(upload_accept(user=request.user, upload=upload))
        except ValidationError as exc:
            errors.extend(f"{upload.name[:80]}: {message}" for message in exc.messages)
        except EvidenceNotStored:
            unsaved.append(upload.name[:80])
    if strict_storage:
        errors.extend(f"{name}: {STORAGE_TROUBLE}" for name in unsaved)
    data["pending"] = ",".join(str(item.pk) for item in pending)
    form = form_class(data, **form_kwargs)
    form.is_valid()
    for message in errors:
        form.add_error(files_field, message)
    form.unsaved_files = unsaved
    return form, pending
