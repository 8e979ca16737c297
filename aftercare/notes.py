"""The only way to read confidential aftercare notes: checks access and logs every read."""

from __future__ import annotations

from aftercare.models import AftercareCase, AftercareNote
from gir import audit_texts as texts
from gir.audit import log_view


def can_read_notes(user, case: AftercareCase) -> bool:
    """Aftercare team members who handle this case; nobody else (not the coordinator, manager or employee)."""
    return (
        user.has_perm("aftercare.view_notes")
        and AftercareCase.objects.handled_by(user).filter(pk=case.pk).exists()
    )


def notes_for(request, case: AftercareCase) -> list[AftercareNote] | None:
    """The case's notes for this request, each read logged; ``None`` when the user may not read them."""
    if not can_read_notes(request.user, case):
        return None
    notes = list(AftercareNote.objects.filter(case=case).select_related("written_by", "talk"))
    for note in notes:
        log_view(request, note, texts.AFTERCARE_NOTE_VIEWED(case=case.pk))
    return notes
