"""A file mailbox for the fault tests: one file per message, optionally slow to send."""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            time.sleep(getattr(settings, "GIR_FAULT_MAIL_DELAY", 0))
            tmp = folder / f".{uuid.uuid4().hex}.tmp"
            tmp.write_bytes(message.message().as_bytes())
            tmp.rename(folder / f"{uuid.uuid4().hex}.eml")  # appears whole or not at all
        return len(email_messages)


def read_mailbox(folder) -> list[tuple[str, str]]:
    """(recipient, subject) of every message in ``folder``."""
    from email import message_from_bytes
    from email.header import decode_header, make_header

    found = []
    for path in sorted(Path(folder).glob("*.eml")):
        msg = message_from_bytes(path.read_bytes())
        subject = str(make_header(decode_header(msg["Subject"])))
        found.append((msg["To"], re.sub(r"\r?\n(?=[ \t])", "", subject)))  # unfold (RFC 5322 §2.2.3)
    return found
