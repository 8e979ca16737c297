"""The letters app's benchmark figures: rendering one letter PDF, and the five copies of
seed 004 §8.1 in one PDF (QUALITY.md "a letter PDF: well under a second").

Called by the lead's benchmark command as ``measure(seeded)``; needs a migrated database
(the organisation settings and the default templates). Renders the longest default letter
(the ban decision, two pages) with the template editor's sample values.
"""

from __future__ import annotations

import statistics
import time

from letters.constants import Copy, LetterKind

REPEAT = 7


def _median_ms(function, repeat: int = REPEAT) -> tuple[float, float]:
    """Median wall ms and median CPU ms of this process (weasyprint runs here)."""
    times, cpu = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return round(statistics.median(times) * 1000, 1), round(statistics.median(cpu) * 1000, 1)


def measure(seeded=None, repeat: int = REPEAT) -> dict:
    from letters.models import LetterTemplate
    from letters.pdf import render_pdf
    from letters.services import sample_document, template_defaults_install

    template_defaults_install()
    version = LetterTemplate.objects.get(code=LetterKind.BAN_DECISION).current_version
    _subject, html = sample_document(version.subject, version.body)
    five = [str(c.label) for c in Copy]

    start, cpu_start = time.perf_counter(), time.process_time()
    first = render_pdf(html)  # includes importing weasyprint and loading fonts
    cold_ms = round((time.perf_counter() - start) * 1000, 1)
    cold_cpu = round((time.process_time() - cpu_start) * 1000, 1)
    one_ms, one_cpu = _median_ms(lambda: render_pdf(html), repeat)
    five_ms, five_cpu = _median_ms(lambda: render_pdf(html, copies=five), repeat)
    return {
        "label": f"letter PDF, one copy (median of {repeat}; five copies in one PDF: {five_ms} ms)",
        "ms": one_ms,
        "one_copy_ms": one_ms,
        "five_copies_ms": five_ms,
        "one_copy_cpu_ms": one_cpu,
        "five_copies_cpu_ms": five_cpu,
        "first_render_ms": cold_ms,
        "first_render_cpu_ms": cold_cpu,
        "pdf_bytes": len(first),
        "letter": str(LetterKind.BAN_DECISION.label),
    }
