"""Building blocks for the letters tests: an incident with a linked aggressor, signatories,
letters made through the real services, and PDF-to-text."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from gir.models import Organisation, Signatory
from letters.constants import DEFAULT_COPIES, DispatchMethod
from letters.services import dispatch_record, letter_create, letter_finalise
from tests.incidents.factories import file_incident, make_aggressor

PLACEHOLDERS = ("{{", "}}", "{%", "%}")


def organisation() -> Organisation:
    org = Organisation.get()
    org.name = "Gemeente Voorbeeld"
    org.street, org.postal_code, org.city = "Stadhuisplein 1", "1234 AB", "Voorbeeld"
    org.po_box, org.phone, org.website = "Postbus 100", "14 0123", "www.voorbeeld.example"
    org.save()
    return org


def signatory(*, mayor: bool = True) -> Signatory:
    if mayor:
        return Signatory.objects.get_or_create(
            name="M. van den Berg", defaults={"function": "Burgemeester", "is_mayor": True}
        )[0]
    return Signatory.objects.get_or_create(
        name="A. Jansen", defaults={"function": "Manager Juridische Zaken (gemandateerd)"}
    )[0]


def incident_with_aggressor(reporter, manager, *, aggressor_fields=None, **incident_kwargs):
    incident = file_incident(reporter, reporter.department, **incident_kwargs)
    fields = {
        "initials": "P.",
        "street": "Lindelaan 14",
        "postal_code": "1234 CD",
        "city": "Voorbeeld",
        **(aggressor_fields or {}),
    }
    aggressor = make_aggressor(manager, incident, **fields)
    return incident, aggressor


def concept(incident, aggressor, by, kind="schriftelijke_waarschuwing", details=None, **kwargs):
    organisation()
    return letter_create(
        incident=incident,
        kind=kind,
        aggressor=aggressor,
        signatory=kwargs.pop("signatory", None) or signatory(),
        by=by,
        details=details if details is not None else {"incident.samenvatting": "U schold een medewerker uit."},
        **kwargs,
    )


def final(incident, aggressor, by, kind="schriftelijke_waarschuwing", copies=None, **kwargs):
    letter = concept(incident, aggressor, by, kind, **kwargs)
    return letter_finalise(letter=letter, by=by, copies=copies or DEFAULT_COPIES)


def dispatched(letter, by, method=DispatchMethod.POST, **kwargs):
    from django.utils import timezone

    return dispatch_record(letter=letter, method=method, dispatched_at=timezone.now(), by=by, **kwargs)


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "letter.pdf"
        path.write_bytes(pdf)
        args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def flat_text(pdf: bytes) -> str:
    """The PDF's text with all whitespace collapsed, so line breaks do not split facts."""
    return " ".join(pdf_text(pdf).split())


def pdf_info(pdf: bytes) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "letter.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _sep, v in (line.partition(":") for line in out.splitlines())}
