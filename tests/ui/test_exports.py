"""The incident list export goes through the core's one export helper (gir/exports.py)."""


def test_the_incident_list_exports_only_the_rows_in_scope(world, login):
    from tests.incidents.factories import file_incident

    mine = file_incident(world.employee, world.dept_a)
    other = file_incident(world.colleague, world.dept_b)
    response = login(world.employee).get("/incidenten/overzicht/export/?formaat=csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Kenmerk;Gebeurd op")
    assert mine.reference in text and other.reference not in text
    ods = login(world.employee).get("/incidenten/overzicht/export/?formaat=ods")
    assert ods["Content-Disposition"] == 'attachment; filename="incidenten.ods"'
