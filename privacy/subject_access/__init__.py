"""The answer to a subject-access request (AVG art. 15): the data (JSON) and a readable letter (PDF)."""

from privacy.subject_access.collect import build_export
from privacy.subject_access.letter import render_letter

__all__ = ["build_export", "render_letter"]
