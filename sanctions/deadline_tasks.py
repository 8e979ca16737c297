"""What a sanctions deadline points at, loaded for a whole task list at once.

A deadline row stores only ``object_id`` and ``incident_id``; the task inbox and the deadline
overview need the object itself (for the link) and the incident's reference (for the label).
Every sanctions deadline kind loads them the same way, in two queries for the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass

from incidents.models import Incident


@dataclass(frozen=True)
class LoadedTask:
    obj: object | None  # None when the object was removed after the deadline was made
    incident_reference: str


def load_tasks(queryset, deadlines) -> dict[int, LoadedTask]:
    """{deadline id: its object from ``queryset`` and the reference of its incident}."""
    objects = queryset.in_bulk({d.object_id for d in deadlines})
    references = Incident.objects.references(d.incident_id for d in deadlines if d.incident_id)
    return {d.pk: LoadedTask(objects.get(d.object_id), references.get(d.incident_id, "")) for d in deadlines}


def task_reference(deadline, loaded: LoadedTask | None) -> str:
    """The incident's reference, or the object's number when the task has no incident."""
    return (loaded.incident_reference if loaded else "") or f"#{deadline.object_id}"
