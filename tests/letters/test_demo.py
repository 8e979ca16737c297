"""The demo letters: a few final, dispatched letters and one concept; a second run adds nothing."""

from gir import demo
from letters.constants import LetterStatus
from letters.models import Dispatch, Letter


def test_demo_letters_are_made_once(db):
    demo.seed()
    letters = Letter.objects.all()
    assert letters.filter(status=LetterStatus.FINAL).count() >= 3
    assert letters.filter(status=LetterStatus.CONCEPT).count() == 1
    assert set(letters.final().values_list("kind", flat=True)) >= {
        "uitnodiging_ordegesprek",
        "schriftelijke_waarschuwing",
        "besluit_toegangsverbod",
    }
    assert Dispatch.objects.count() == letters.final().count()
    counts = (letters.count(), Dispatch.objects.count())
    demo.seed()
    assert (Letter.objects.count(), Dispatch.objects.count()) == counts
