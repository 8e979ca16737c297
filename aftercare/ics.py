"""An RFC 5545 calendar invitation for a planned aftercare talk.

What goes in: the time, the place, the contact person and a neutral title. What stays out:
any note, referral or health detail, and the incident description. The file is also safe to
forward to a shared agenda.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from aftercare.models import AftercareTalk

PRODID = "-//GIR//Nazorg//NL"


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold content lines longer than 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # continuation lines start with one space
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def talk_invitation(talk: AftercareTalk, now: datetime) -> str:
    """The VCALENDAR text for ``talk`` (which must be planned)."""
    if talk.planned_start is None:
        raise ValueError("Only a planned talk has an invitation")
    host = urlsplit(settings.SITE_URL).hostname or "gir.invalid"
    worker = talk.case.assigned_to
    description = _("Nazorggesprek %(n)s van de bedrijfsopvang.") % {"n": talk.number}
    if worker is not None:
        description += " " + _("Uw contactpersoon: %(name)s.") % {
            "name": worker.get_full_name() or worker.username
        }
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:aftercare-talk-{talk.pk}@{host}",
        f"DTSTAMP:{_utc(now)}",
        f"SEQUENCE:{talk.ics_sequence}",
        f"DTSTART:{_utc(talk.planned_start)}",
        f"DTEND:{_utc(talk.planned_end)}",
        f"SUMMARY:{_escape(_('Nazorggesprek'))}",
        f"LOCATION:{_escape(talk.place)}",
        f"DESCRIPTION:{_escape(description)}",
        "CLASS:CONFIDENTIAL",
        "TRANSP:OPAQUE",
    ]
    if worker is not None and worker.email:
        name = _escape(worker.get_full_name() or worker.username).replace('"', "")
        lines.append(f'ORGANIZER;CN="{name}":mailto:{worker.email}')
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)
