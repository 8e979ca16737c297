"""Importing another organisation's key figures: good files are stored, hostile ones refused.

Every refusal must show a Dutch message on the form, keep the label typed and store nothing
(no comparison set, no audit entry).
"""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gir import roles
from gir.models import AuditEntry
from reports.models import ComparisonSet
from reports.services.comparison_file import MAX_BYTES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/rapportages/vergelijking/"
LABEL = "Regio Utrecht 2025"


def valid() -> dict:
    return {
        "format": "gir-kerncijfers",
        "version": "1.0",
        "organisation": "Regio Utrecht",
        "year": 2025,
        "employees": 2000,
        "sections": [
            {"key": "totaal", "figures": [{"key": "incidenten", "value": 120, "hidden": False}]},
            {
                "key": "vorm",
                "figures": [
                    {"key": "schelden", "value": 50, "hidden": False},
                    {"key": "wapen", "value": None, "hidden": True},
                ],
            },
            {
                "key": "termijnen",
                "figures": [{"key": "reactie_48_uur_pct_op_tijd", "value": 80.5, "hidden": False}],
            },
        ],
    }


def changed(path: list, value) -> bytes:
    """The valid file with one place changed (a path of keys and indexes)."""
    data = copy.deepcopy(valid())
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return json.dumps(data).encode()


@pytest.fixture
def coordinator(client):
    user = UserFactory(roles=[roles.MEDEWERKER, roles.COORDINATOR])
    client.force_login(user)
    return user


def upload(client, content: bytes, name: str = "kerncijfers.json", label: str = LABEL):
    return client.post(URL, {"label": label, "file": SimpleUploadedFile(name, content)})


def test_a_valid_json_file_is_stored_with_its_label_and_logged(client, coordinator):
    response = upload(client, json.dumps(valid()).encode())
    assert response.status_code == 302
    row = ComparisonSet.objects.get()
    assert (row.label, row.source_name, row.year, row.employees, row.file_format) == (
        LABEL,
        "Regio Utrecht",
        2025,
        2000,
        "json",
    )
    assert row.uploaded_by == coordinator
    assert row.section("vorm")["wapen"] == {"key": "wapen", "value": None, "hidden": True}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_id=str(row.pk)).count() == 1
    page = client.get(URL).content.decode()
    assert LABEL in page and "Regio Utrecht" in page


def test_a_csv_file_in_the_export_layout_is_stored(client, coordinator):
    content = (
        "\ufeffformaat;versie;organisatie;jaar;medewerkers\r\n"
        "gir-kerncijfers;1.0;Gemeente West;2025;800\r\n"
        "sectie;cijfer;waarde;verborgen\r\n"
        "totaal;incidenten;44;0\r\n"
        "vorm;schelden;;1\r\n"
        "termijnen;nazorg_1_pct_op_tijd;87.5;0\r\n"
    ).encode()
    assert upload(client, content, "west.csv").status_code == 302
    row = ComparisonSet.objects.get()
    assert (row.source_name, row.employees, row.file_format) == ("Gemeente West", 800, "csv")
    assert row.section("totaal")["incidenten"]["value"] == 44
    assert row.section("vorm")["schelden"]["hidden"] is True
    assert row.section("termijnen")["nazorg_1_pct_op_tijd"]["value"] == 87.5


DEEP = b'{"format": "gir-kerncijfers", "sections": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
TOO_MANY = [{"key": "schelden", "value": 1, "hidden": False}] * 61

HOSTILE = {
    "wrong format": (changed(["format"], "iets-anders"), "geen kerncijferbestand"),
    "wrong version": (changed(["version"], "2.0"), "versie 1.0"),
    "not json": (b"{dit is geen json", "geen geldig JSON-bestand"),
    "not utf-8": (json.dumps(valid()).replace("Regio Utrecht", "Régio").encode("latin-1"), "UTF-8"),
    "too large": (b"{" + b" " * MAX_BYTES + b"}", "te groot"),
    "empty": (b"   ", "leeg"),
    "huge number": (changed(["sections", 0, "figures", 0, "value"], 10**12), "te groot"),
    "number of thousands of digits": (
        json.dumps(valid()).replace("120", "9" * 5000).encode(),
        "veel te groot",
    ),
    "infinity": (json.dumps(valid()).replace("120", "Infinity").encode(), "geen gewoon getal"),
    "negative count": (changed(["sections", 0, "figures", 0, "value"], -3), "te klein"),
    "percentage above 100": (changed(["sections", 2, "figures", 0, "value"], 150), "meer dan 100"),
    "count with a fraction": (changed(["sections", 0, "figures", 0, "value"], 3.5), "geen heel getal"),
    "text instead of a number": (changed(["sections", 0, "figures", 0, "value"], "12"), "verkeerde soort"),
    "formula as organisation": (
        changed(["organisation"], '=HYPERLINK("http://x","klik")'),
        "tekens die niet",
    ),
    "html as organisation": (changed(["organisation"], "Regio <script>alert(1)</script>"), "tekens die niet"),
    "unknown top-level key": (
        changed(["toelichting"], "vrije tekst met een naam"),
        "veld in dat het formaat",
    ),
    "unknown figure code": (changed(["sections", 1, "figures", 0, "key"], "onzin"), "onbekend"),
    "formula as figure code": (changed(["sections", 1, "figures", 0, "key"], "=1+1"), "tekens die niet"),
    "unknown section": (changed(["sections", 0, "key"], "namen"), "sectie in die het formaat"),
    "too many figures": (changed(["sections", 1, "figures"], TOO_MANY), "lijst is te lang"),
    "deeply nested": (DEEP, "te diep genest"),
    "duplicate year": (
        json.dumps(valid()).replace('"year": 2025', '"year": 2024, "year": 2025').encode(),
        "twee keer",
    ),
    "duplicate section": (
        changed(["sections", 1], {"key": "totaal", "figures": []}),
        "twee keer",
    ),
    "duplicate figure": (
        changed(["sections", 1, "figures", 1], {"key": "schelden", "value": 2, "hidden": False}),
        "twee keer",
    ),
    "hidden figure with a value": (
        changed(["sections", 1, "figures", 1], {"key": "wapen", "value": 3, "hidden": True}),
        "verborgen, maar",
    ),
    "year in the future": (changed(["year"], 2099), "toekomst"),
    "csv with a formula in a cell": (
        (
            b"formaat;versie;organisatie;jaar\r\ngir-kerncijfers;1.0;Regio;2025\r\n"
            b"sectie;cijfer;waarde;verborgen\r\nvorm;=cmd|' /C calc'!A0;3;0\r\n"
        ),
        "tekens die niet",
    ),
    "csv with another layout": (b"naam;aantal\r\nJan Jansen;3\r\n", "indeling"),
    "csv with text as a value": (
        (
            b"formaat;versie;organisatie;jaar\r\ngir-kerncijfers;1.0;Regio;2025\r\n"
            b"sectie;cijfer;waarde;verborgen\r\ntotaal;incidenten;<b>veel</b>;0\r\n"
        ),
        "geen getal",
    ),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_file_is_refused_with_a_dutch_message_and_nothing_is_stored(client, coordinator, case):
    content, message = HOSTILE[case]
    name = "kerncijfers.csv" if case.startswith("csv") else "kerncijfers.json"
    response = upload(client, content, name)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Controleer wat u heeft ingevuld" in page
    assert message in page
    assert f'value="{LABEL}"' in page  # the label typed stays
    assert "<script>alert" not in page
    assert not ComparisonSet.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).exists()


@pytest.mark.parametrize("label", ["=SUM(A1:A9)", "@regio", "Regio <b>Utrecht</b>", "+31"])
def test_a_label_with_a_formula_or_html_is_refused(client, coordinator, label):
    response = upload(client, json.dumps(valid()).encode(), label=label)
    assert response.status_code == 400
    assert "Gebruik in de naam geen" in response.content.decode()
    assert not ComparisonSet.objects.exists()


def test_the_same_file_twice_is_refused(client, coordinator):
    content = json.dumps(valid()).encode()
    assert upload(client, content).status_code == 302
    response = upload(client, content, label="Nog een keer")
    assert response.status_code == 400
    assert "al ingelezen" in response.content.decode()
    assert ComparisonSet.objects.count() == 1


def test_delete_asks_first_then_deletes_and_logs(client, coordinator):
    upload(client, json.dumps(valid()).encode())
    row = ComparisonSet.objects.get()
    url = reverse("reports:comparison-delete", kwargs={"pk": row.pk})
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Wilt u" in confirm.content.decode()
    assert ComparisonSet.objects.exists()
    assert client.post(url).status_code == 302
    assert not ComparisonSet.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, object_id=str(row.pk)).count() == 1


def test_only_the_coordinator_imports(client):
    manager = UserFactory(roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE])
    client.force_login(manager)
    assert client.get(URL).status_code == 403
    assert upload(client, json.dumps(valid()).encode()).status_code == 403
    assert not ComparisonSet.objects.exists()
