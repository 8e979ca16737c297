from gir.downloads import attachment


def test_a_download_is_an_attachment_kept_by_no_cache():
    response = attachment(b"a;b", filename="lijst.csv", content_type="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="lijst.csv"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b"a;b"


def test_downloads_are_sent_with_nosniff_through_the_middleware(world, login):
    response = login(world.aftercare).get("/nazorg/rapportage/export.csv?year=2026")
    assert response.status_code == 403  # the aftercare worker has no report right
    response = login(world.coordinator).get("/nazorg/rapportage/export.csv?year=2026")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
