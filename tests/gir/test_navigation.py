from gir.context_processors import _current


def test_only_the_longest_matching_item_is_current():
    items = [{"url": u, "current": False} for u in ["/", "/brieven/", "/brieven/register/", "/incidenten/"]]
    _current(items, "/brieven/register/")
    assert [i["url"] for i in items if i["current"]] == ["/brieven/register/"]


def test_start_is_current_only_on_the_start_page():
    items = [{"url": u, "current": False} for u in ["/", "/incidenten/"]]
    _current(items, "/")
    assert [i["url"] for i in items if i["current"]] == ["/"]
    items = [{"url": u, "current": False} for u in ["/", "/incidenten/"]]
    _current(items, "/onbekend/")
    assert not any(i["current"] for i in items)


def test_navigation_shows_only_what_the_role_may_use(world, login):
    reception = login(world.reception).get("/").content.decode()
    assert "Beheer" not in reception
    admin = login(world.admin).get("/").content.decode()
    assert 'href="/beheer/"' in admin
