"""The dispatch register: filters, scope, and exports with formula escaping, logged."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from gir.models import AuditEntry
from letters.constants import DispatchMethod
from tests.letters.helpers import dispatched, final, incident_with_aggressor


def _dispatched_letter(world, reporter, manager, method=DispatchMethod.POST, **aggressor_fields):
    incident, aggressor = incident_with_aggressor(reporter, manager, aggressor_fields=aggressor_fields)
    letter = final(incident, aggressor, manager)
    return dispatched(
        letter, manager, method=method, tracking_number="3STRACK" if method == "aangetekend" else ""
    )


def test_register_filters_by_method_and_kind(world, login):
    post = _dispatched_letter(world, world.employee, world.manager)
    registered = _dispatched_letter(
        world, world.colleague, world.other_manager, method=DispatchMethod.REGISTERED
    )
    client = login(world.coordinator)
    page = client.get(reverse("letters:register")).content.decode()
    assert post.letter.reference in page and registered.letter.reference in page
    page = client.get(reverse("letters:register"), {"method": "aangetekend"}).content.decode()
    assert registered.letter.reference in page and post.letter.reference not in page
    page = client.get(reverse("letters:register"), {"kind": "besluit_toegangsverbod"}).content.decode()
    assert post.letter.reference not in page and registered.letter.reference not in page
    page = client.get(reverse("letters:register"), {"department": world.dept_b.pk}).content.decode()
    assert registered.letter.reference in page and post.letter.reference not in page


def test_register_ignores_crafted_parameters(world, login):
    dispatch = _dispatched_letter(world, world.employee, world.manager)
    response = login(world.coordinator).get(
        reverse("letters:register"), {"sent_from": "gisteren", "method": "x' OR 1=1"}
    )
    assert response.status_code == 200
    assert dispatch.letter.reference in response.content.decode()  # the bad filters are dropped


def test_register_filters_by_reference_and_dispatch_date(world, login):
    import datetime as dt

    from django.utils import timezone

    first = _dispatched_letter(world, world.employee, world.manager)
    second = _dispatched_letter(world, world.colleague, world.other_manager)
    client = login(world.coordinator)

    def shown(**params):
        page = client.get(reverse("letters:register"), params).content.decode()
        return {d.letter.reference for d in (first, second) if d.letter.reference in page}

    assert shown(reference=first.letter.reference) == {first.letter.reference}
    assert shown(reference=second.letter.incident.reference) == {second.letter.reference}
    today = timezone.localdate()
    assert shown(sent_from=today.isoformat(), sent_until=today.isoformat()) == {
        first.letter.reference,
        second.letter.reference,
    }
    assert shown(sent_from=(today + dt.timedelta(days=1)).isoformat()) == set()
    assert shown(sent_until=(today - dt.timedelta(days=1)).isoformat()) == set()


def _export(client, fmt, **params):
    response = client.get(reverse("letters:register-export"), {"formaat": fmt, **params})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    return response.content


def test_csv_export_escapes_formulas_and_is_logged(world, login):
    dispatch = _dispatched_letter(
        world, world.employee, world.manager, last_name='=HYPERLINK("http://x")', initials="", first_name=""
    )
    before = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count()
    content = _export(login(world.coordinator), "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][0] == "Kenmerk brief"
    names = [row[3] for row in rows[1:]]
    assert names == ['\'=HYPERLINK("http://x")']
    assert rows[1][0] == dispatch.letter.reference
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count() == before + 1


def test_xlsx_export_escapes_formulas(world, login):
    _dispatched_letter(
        world, world.employee, world.manager, last_name="+cmd|' /C calc'!A0", initials="", first_name=""
    )
    workbook = load_workbook(io.BytesIO(_export(login(world.coordinator), "xlsx")))
    sheet = workbook.active
    value = sheet.cell(row=2, column=4).value
    assert value.startswith("'+cmd")
    assert sheet.cell(row=2, column=4).data_type == "s"


def test_export_follows_the_filters(world, login):
    _dispatched_letter(world, world.employee, world.manager)
    registered = _dispatched_letter(
        world, world.colleague, world.other_manager, method=DispatchMethod.REGISTERED
    )
    content = _export(login(world.coordinator), "csv", method="aangetekend").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))[1:]
    assert [row[0] for row in rows] == [registered.letter.reference]
    assert rows[0][7] == "3STRACK"


def test_list_and_register_use_a_constant_number_of_queries(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.coordinator)

    def count(url):
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _dispatched_letter(world, world.employee, world.manager)
    small = (count(reverse("letters:register")), count(reverse("letters:list")))
    for _ in range(4):
        _dispatched_letter(world, world.employee, world.manager)
    assert (count(reverse("letters:register")), count(reverse("letters:list"))) == small


def test_export_logs_only_the_known_format_and_refuses_bad_filters(world, login):
    _dispatched_letter(world, world.employee, world.manager)
    client = login(world.coordinator)
    _export(client, "<script>Kramer</script>")  # an unknown format is a CSV export
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).latest("pk")
    assert entry.description == "verzendregister (csv)"
    response = client.get(reverse("letters:register-export"), {"sent_from": "gisteren"}, follow=True)
    assert "Een filter is niet goed ingevuld. Pas het filter aan" in response.content.decode()
