from gir.navigation import GROUPS, _mark_current
from gir.registry import registry


def test_only_the_longest_matching_item_is_current():
    items = [{"url": u, "current": False} for u in ["/", "/brieven/", "/brieven/register/", "/incidenten/"]]
    _mark_current(items, "/brieven/register/")
    assert [i["url"] for i in items if i["current"]] == ["/brieven/register/"]


def test_start_is_current_only_on_the_start_page():
    items = [{"url": u, "current": False} for u in ["/", "/incidenten/"]]
    _mark_current(items, "/")
    assert [i["url"] for i in items if i["current"]] == ["/"]
    items = [{"url": u, "current": False} for u in ["/", "/incidenten/"]]
    _mark_current(items, "/onbekend/")
    assert not any(i["current"] for i in items)


def test_every_menu_item_belongs_to_a_known_group():
    assert {item.group for item in registry.nav} <= set(GROUPS)
    assert len(GROUPS) <= 7


def test_navigation_shows_only_what_the_role_may_use(world, login):
    reception = login(world.reception).get("/").content.decode()
    assert "/beheer/" not in reception
    admin = login(world.admin).get("/").content.decode()
    assert 'href="/beheer/"' in admin


def test_the_coordinator_sees_at_most_seven_groups_and_the_current_page(world, login):
    page = login(world.coordinator).get("/incidenten/overzicht/")
    groups = page.context["nav_groups"]
    assert 2 <= len(groups) <= 7
    html = page.content.decode()
    assert 'href="/incidenten/overzicht/" aria-current="page"' in html
    assert "<details" in html  # the menu opens without JavaScript


def test_the_footer_links_to_the_statements(client, settings, db):
    page = client.get("/account/inloggen/").content.decode()
    assert 'href="/toegankelijkheidsverklaring/"' in page and 'href="/privacyverklaring/"' in page
    settings.GIR_PRIVACY_URL = "https://www.gemeente.nl/privacy"
    assert (
        'href="https://www.gemeente.nl/privacy"'
        in client.get("/toegankelijkheidsverklaring/").content.decode()
    )
