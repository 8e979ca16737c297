"""The password-reset form is throttled (issue 12, finding 9)."""

from django.conf import settings
from django.core import mail

from tests.factories import UserFactory

URL = "/account/wachtwoord-vergeten/"


def test_the_reset_form_refuses_a_flood_from_one_address(db, client):
    UserFactory(username="vergeten", email="vergeten@example.org")
    answers = [
        client.post(URL, {"email": f"iemand-{i}@example.org"}, REMOTE_ADDR="10.3.3.3").status_code
        for i in range(settings.GIR_PASSWORD_RESET_LIMIT)
    ]
    assert set(answers) == {302}
    refused = client.post(URL, {"email": "vergeten@example.org"}, REMOTE_ADDR="10.3.3.3")
    assert refused.status_code == 429
    assert "Te veel aanvragen" in refused.content.decode()
    assert refused.context["form"]["email"].value() == "vergeten@example.org"  # nothing typed lost
    assert mail.outbox == []


def test_the_reset_form_refuses_a_flood_to_one_mailbox(db, client):
    UserFactory(username="doelwit", email="doelwit@example.org")
    for i in range(settings.GIR_PASSWORD_RESET_LIMIT):
        client.post(URL, {"email": "doelwit@example.org"}, REMOTE_ADDR=f"10.4.4.{i}")
    assert len(mail.outbox) == settings.GIR_PASSWORD_RESET_LIMIT
    refused = client.post(URL, {"email": "doelwit@example.org"}, REMOTE_ADDR="10.4.4.200")
    assert refused.status_code == 429
    assert len(mail.outbox) == settings.GIR_PASSWORD_RESET_LIMIT
