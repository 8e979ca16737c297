"""The copy choices on the finalise form fit every kind of letter, not only the ordegesprek."""

from letters.constants import COPY_HELP


def test_no_copy_choice_talks_about_a_talk():
    for text in COPY_HELP.values():
        assert "gesprek" not in str(text), text
