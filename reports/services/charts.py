"""Charts drawn with matplotlib from the protected tables.

The same drawing goes into the web page and the PDF as a ``data:`` URI, so both look the same:
SVG in the page (``CHART_FORMAT``: sharp at any size, text kept as SVG text in DejaVu Sans)
and a JPEG at print resolution in the PDF (``PDF_CHART_FORMAT``): weasyprint paints an SVG
node by node in Python, which cost 1.6 s of the report PDF's 4.5 s; a PNG it decodes and
compresses again for every PDF (0.6 s for the seven charts); a JPEG goes into the PDF as it is.
At quality 95 without colour subsampling it looks the same as the PNG, also zoomed in (the
benchmark compares the formats). matplotlib is imported lazily (slow to
import) and used through the object API with its own canvas, which is safe in threads. Hidden
cells ("< 5") are never drawn as a value.
"""

from __future__ import annotations

import base64
import hashlib
import io
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gir.cache import single_flight
from gir.pdf import resource_url
from reports.services.chart_text import alt_text
from reports.services.tables import HIDDEN, SMALL, Rate, Share, Table, cell_text, rate_columns

BLUE = "#154273"
LIGHT = "#8fcae7"
GREY = "#b0b0b0"


# How a chart is drawn: SVG with text as text (cheap for weasyprint, sharp at any size), SVG
# with text as paths (what it was), or a picture (PNG, JPEG) at print resolution.
FORMATS = {
    "svg-text": "SVG, text as text",
    "svg-path": "SVG, text as paths",
    "png": "PNG at 200 dpi",
    "jpeg": "JPEG at 200 dpi",
}
CHART_FORMAT = "svg-text"  # the web page
PDF_CHART_FORMAT = "jpeg"  # the report PDF
PNG_DPI = 200
_drawing = ContextVar("chart_format")  # the format of the chart being drawn


def _format() -> str:
    return _drawing.get(CHART_FORMAT)


@dataclass(frozen=True)
class Chart:
    key: str
    svg: bytes  # the picture: SVG, or JPEG (PNG) when drawn for the PDF
    alt: str

    @property
    def mime(self) -> str:
        if self.svg.startswith(b"\x89PNG"):
            return "image/png"
        return "image/jpeg" if self.svg.startswith(b"\xff\xd8\xff") else "image/svg+xml"

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.svg).decode("ascii")

    @property
    def resource_name(self) -> str:
        return f"chart-{self.key}"

    @property
    def pdf_src(self) -> str:
        """How the report PDF refers to the picture: handed to the renderer in memory
        (``reports.services.pdf``) instead of a megabyte of base64 for its HTML parser."""
        return resource_url(self.resource_name)


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    fonttype = "path" if _format() == "svg-path" else "none"
    matplotlib.rcParams.update(
        {"svg.hashsalt": "gir-report", "svg.fonttype": fonttype, "font.family": "DejaVu Sans", "font.size": 9}
    )
    return Figure(figsize=(width, height), dpi=100)


CHAR_INCHES = 9 * 0.6 / 72  # a DejaVu Sans character at 9 pt is about 0.6 em wide


def _margins(fig, *, left_chars: int = 4, bottom_lines: float = 2.5, right: float = 0.2) -> None:
    """Room for the tick labels and axis titles, worked out from their length.

    Fixed margins instead of ``bbox_inches="tight"``, which lays the whole figure out twice
    (half of a chart's drawing time) to measure what the labels need.
    """
    width, height = fig.get_size_inches()
    left = 0.25 + left_chars * CHAR_INCHES
    bottom = 0.1 + bottom_lines * 9 * 1.4 / 72
    fig.subplots_adjust(
        left=min(left / width, 0.6),
        right=1 - right / width,
        bottom=min(bottom / height, 0.6),
        top=1 - 0.1 / height,
    )


def _svg(fig) -> bytes:
    """The figure in the format being drawn (the name is historical: a picture for the PDF).

    A picture is opaque RGB: weasyprint splits a transparent one into colour and mask and
    compresses both again for every PDF. The JPEG encoder skips the canvas's (opaque) alpha."""
    buffer = io.BytesIO()
    if _format() in ("png", "jpeg"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        canvas = FigureCanvasAgg(fig)
        fig.set_dpi(PNG_DPI)
        canvas.draw()
        picture = Image.frombuffer("RGBX", canvas.get_width_height(), canvas.buffer_rgba())
        if _format() == "png":
            picture.convert("RGB").save(buffer, format="PNG", dpi=(PNG_DPI, PNG_DPI))
        else:
            picture.save(buffer, format="JPEG", quality=95, subsampling=0, dpi=(PNG_DPI, PNG_DPI))
    else:
        from matplotlib.backends.backend_svg import FigureCanvasSVG

        FigureCanvasSVG(fig)
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _integer_ticks(axis) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _decimal_comma(axis) -> None:
    """Tick labels as Dutch numbers (0,5), like the numbers beside the bars."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}".replace(".", ",")))


def _number(cell) -> float:
    return float(cell) if isinstance(cell, int) and not isinstance(cell, bool) else 0.0


def _barh(table: Table) -> bytes:
    rows = list(reversed(table.rows))
    fig = _figure(6.5, 0.3 * len(rows) + 0.8)
    ax = fig.add_subplot()
    values = [_number(r[1]) for r in rows]
    ax.barh(range(len(rows)), values, color=BLUE)
    ax.set_yticks(range(len(rows)), [str(r[0]) for r in rows])
    peak = max([*values, 1.0])
    for i, row in enumerate(rows):
        ax.text(_number(row[1]) + peak * 0.01, i, cell_text(row[1]), va="center", fontsize=8)
    ax.set_xlim(0, peak * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(table.columns[1])
    _integer_ticks(ax.xaxis)
    _margins(fig, left_chars=_longest(r[0] for r in rows))
    return _svg(fig)


def _bars_grouped(table: Table) -> bytes:
    fig = _figure(7, 3)
    ax = fig.add_subplot()
    series = len(table.columns) - 1
    width = 0.8 / series
    colours = [BLUE, LIGHT, GREY]
    for s in range(series):
        xs = [i + s * width for i in range(len(table.rows))]
        ax.bar(
            xs,
            [_number(r[s + 1]) for r in table.rows],
            width,
            label=table.columns[s + 1],
            color=colours[s % 3],
        )
    ax.set_xticks(
        [i + width * (series - 1) / 2 for i in range(len(table.rows))],
        [str(r[0])[:3] for r in table.rows],
        rotation=45 if len(table.rows) > 12 else 0,
    )
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylabel(_("Incidenten"))
    _integer_ticks(ax.yaxis)
    _margins(fig, left_chars=6, bottom_lines=3.5 if len(table.rows) > 12 else 2)
    return _svg(fig)


def _line(table: Table) -> bytes:
    fig = _figure(6.5, 2.6)
    ax = fig.add_subplot()
    points = [(i, str(r[0]), _number(r[1])) for i, r in enumerate(table.rows) if r[1] not in (SMALL, HIDDEN)]
    ax.plot([p[0] for p in points], [p[2] for p in points], marker="o", color=BLUE)
    ax.set_xticks([p[0] for p in points], [p[1] for p in points])
    for x, _label, value in points:
        ax.annotate(cell_text(int(value)), (x, value), textcoords="offset points", xytext=(0, 6), ha="center")
    ax.set_ylim(0, max([p[2] for p in points] + [1.0]) * 1.2)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylabel(_("Incidenten"))
    _integer_ticks(ax.yaxis)
    # The last tick label ("2026 tot nu toe") stands centred on the edge: room for its right half.
    last = _longest(p[1] for p in points[-1:]) if points else 0
    _margins(fig, left_chars=6, bottom_lines=1.5, right=max(0.2, last * CHAR_INCHES / 2))
    return _svg(fig)


def _lines(table: Table) -> bytes:
    """One line per row across the columns (years); a hidden cell ("< 5", "×") breaks the line."""
    fig = _figure(6.5, 3.0)
    ax = fig.add_subplot()
    colours = [BLUE, LIGHT, GREY, "#e17000", "#39870c", "#a90061", "#673327", "#007bc7"]
    xs = list(range(len(table.columns) - 1))
    for i, row in enumerate(table.rows):
        ys = [_number(c) if c not in (SMALL, HIDDEN) else float("nan") for c in row[1:]]
        # More rows than colours: the next round is dashed, so no two lines look the same.
        style = "-" if i < len(colours) else "--"
        ax.plot(xs, ys, marker="o", linestyle=style, color=colours[i % len(colours)], label=str(row[0]))
    ax.set_xticks(xs, [str(c) for c in table.columns[1:]])
    ax.set_ylim(bottom=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylabel(_("Incidenten"))
    if table.rows:
        ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _integer_ticks(ax.yaxis)
    # The legend stands right of the axes: room for its longest name (7 pt) and its marker.
    _margins(
        fig,
        left_chars=6,
        bottom_lines=1.5,
        right=0.6 + _longest(r[0] for r in table.rows) * CHAR_INCHES * 7 / 9,
    )
    return _svg(fig)


def _heat(table: Table) -> bytes:
    import numpy as np

    fig = _figure(7.5, 2.8)
    ax = fig.add_subplot()
    grid = np.array(
        [[_number(c) if c not in (SMALL, HIDDEN) else np.nan for c in row[1:]] for row in table.rows]
    )
    masked = np.ma.masked_invalid(grid)
    cmap = _cmap()
    image = ax.imshow(masked, aspect="auto", cmap=cmap, vmin=0)
    ax.set_yticks(range(len(table.rows)), [str(r[0]) for r in table.rows])
    ax.set_xticks(range(24), table.columns[1:], fontsize=7)
    ax.set_xlabel(_("Uur van de dag"))
    from matplotlib.ticker import MaxNLocator

    bar = fig.colorbar(image, ax=ax, label=_("Incidenten"))
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    _margins(fig, left_chars=_longest(r[0] for r in table.rows), right=0.1)
    return _svg(fig)


def _cmap():
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("gir", ["#ffffff", LIGHT, BLUE]).with_extremes(bad=GREY)


def _share_bars(table: Table) -> bytes:
    """Grouped horizontal bars: the percentage in each share column (hidden or empty: no bar)."""
    rows = list(reversed(table.rows))
    columns = [c for c in range(1, len(table.columns)) if any(isinstance(r[c], Share) for r in rows)]
    fig = _figure(6.5, 0.45 * len(rows) * max(1, len(columns)) / 2 + 1.0)
    ax = fig.add_subplot()
    height = 0.8 / max(1, len(columns))
    for s, col in enumerate(columns):
        values = [
            r[col].percent if isinstance(r[col], Share) and r[col].percent is not None else 0 for r in rows
        ]
        # The first column on top within each group, as the legend lists it.
        ys = [i + (len(columns) - 1 - s) * height for i in range(len(rows))]
        ax.barh(ys, values, height, label=table.columns[col], color=[BLUE, LIGHT, GREY][s % 3])
    ax.set_yticks([i + height * (len(columns) - 1) / 2 for i in range(len(rows))], [str(r[0]) for r in rows])
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("Procent"))
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    _margins(fig, left_chars=_longest(r[0] for r in rows))
    return _svg(fig)


def _rate_bars(table: Table) -> bytes:
    """Side-by-side horizontal bars of the rate columns, one colour per party; a hidden or
    unknown rate ("< 5", "×", "–") gets no bar and no number."""
    rows = list(reversed(table.rows))
    columns = rate_columns(table)
    series = max(1, len(columns))
    fig = _figure(6.5, 0.2 * len(rows) * series + 1.3)
    ax = fig.add_subplot()
    height = 0.8 / series
    colours = [BLUE, LIGHT, GREY, "#e17000", "#39870c", "#a90061"]
    values = {}
    for s, col in enumerate(columns):
        for i, row in enumerate(rows):
            if isinstance(row[col], Rate) and row[col].percent is not None:
                values[(s, i)] = row[col].percent
        ys = [i + (series - 1 - s) * height for i in range(len(rows))]
        bars = [values.get((s, i), 0.0) for i in range(len(rows))]
        ax.barh(ys, bars, height, label=table.columns[col], color=colours[s % len(colours)])
    peak = max([*values.values(), 0.1])
    for (s, i), value in values.items():
        y = i + (series - 1 - s) * height
        label = cell_text(rows[i][columns[s]])
        ax.text(value + peak * 0.01, y, label, va="center", fontsize=8, gid=f"rate-{s}-{i}")
    ax.set_yticks([i + height * (series - 1) / 2 for i in range(len(rows))], [str(r[0]) for r in rows])
    ax.set_xlim(0, peak * 1.2)
    _decimal_comma(ax.xaxis)
    ax.set_xlabel(_("Incidenten per 100 medewerkers"))
    # The legend (the parties) below the axis title, two names a line.
    fig.legend(frameon=False, fontsize=8, loc="lower center", ncols=min(series, 2))
    ax.spines[["top", "right"]].set_visible(False)
    _margins(fig, left_chars=_longest(r[0] for r in rows), bottom_lines=2.5 + 1.2 * ((series + 1) // 2))
    return _svg(fig)


def _longest(labels) -> int:
    return max((len(str(label)) for label in labels), default=4)


DRAW = {
    "share_bars": _share_bars,
    "barh": _barh,
    "bars_grouped": _bars_grouped,
    "line": _line,
    "lines": _lines,
    "heat": _heat,
    "rate_bars": _rate_bars,
}
CACHE_SECONDS = 24 * 3600
# Part of every cache key: bump it when the drawing code changes, so a deploy does not serve
# yesterday's pictures of the same figures for a day.
DRAWING_VERSION = 2


def _fingerprint(table: Table, fmt: str) -> str:
    """Same protected figures, same picture: the SVG is cached under a hash of what it shows."""
    shown = [
        DRAWING_VERSION,
        fmt,
        table.chart,
        table.title,
        *table.columns,
        *(cell_text(c) for row in table.rows for c in row),
    ]
    return "reports-chart-" + hashlib.sha256("\x1f".join(map(str, shown)).encode()).hexdigest()


def draw_picture(table: Table, fmt: str) -> bytes:
    """The chart of ``table`` drawn now in ``fmt``, bypassing the cache."""
    token = _drawing.set(fmt)
    try:
        return DRAW[table.chart](table)
    finally:
        _drawing.reset(token)


def draw(table: Table, fmt: str | None = None) -> Chart | None:
    """The chart of one table in ``fmt`` (default ``CHART_FORMAT``, the web page's). Drawing
    takes ~0.2 s, so an unchanged table reuses its picture."""
    if not table.chart:
        return None
    fmt = fmt or CHART_FORMAT
    svg = single_flight(_fingerprint(table, fmt), lambda: draw_picture(table, fmt), CACHE_SECONDS)
    return Chart(table.key, svg, alt_text(table))


def draw_all(tables: list[Table], fmt: str | None = None) -> dict[str, Chart]:
    return {t.key: chart for t in tables if (chart := draw(t, fmt)) is not None}


def draw_for_pdf(tables: list[Table]) -> dict[str, Chart]:
    """The charts as the report PDF shows them (``PDF_CHART_FORMAT``)."""
    return draw_all(tables, PDF_CHART_FORMAT)


def sections(tables: list[Table], charts: dict[str, Chart]) -> list[tuple[Table, Chart | None]]:
    """Each table with its chart (or None), in report order, for the page and the PDF.

    The comparison tables ("compare_...") have their own section, with its caveats
    (``reports/_comparison.html``); the spreadsheet and the CSV downloads take them like any table."""
    return [(table, charts.get(table.key)) for table in tables if not table.key.startswith("compare_")]
