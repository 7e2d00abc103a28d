"""Tiny inline-SVG charts for the HTML report: no JavaScript, no network, no deps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)
_FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def color(i: int) -> str:
    """The ``i``-th series colour (cycles)."""
    return PALETTE[i % len(PALETTE)]


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 5 × 10^k)."""
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= value:
        step *= 10
    for m in (1, 2, 5, 10):
        if m * step >= value:
            return m * step
    return 10 * step


def line_chart(
    days: Sequence[date], series: Mapping[str, Sequence[int]], *,
    width: int = 900, height: int = 280, title: str = "", totals: Mapping[str, int] | None = None,
) -> str:
    """One polyline per series over ``days``; hover a point for its value (SVG <title>).

    The legend gives each series' count in the window, and ``of N`` when
    ``totals`` says more exist outside it.
    """
    left, right, top, bottom = 48, 150, 24, 36
    w, h = width - left - right, height - top - bottom
    peak = _nice_max(max((max(v, default=0) for v in series.values()), default=0))
    n = len(days)

    def x(i: int) -> float:
        return left + (w * i / (n - 1) if n > 1 else w / 2)

    def y(v: float) -> float:
        return top + h - h * v / peak

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(title)}">']
    for frac in (0.0, 0.5, 1.0):
        yy = y(peak * frac)
        parts.append(f'<line x1="{left}" x2="{left + w}" y1="{yy:.1f}" y2="{yy:.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" {_FONT}>'
                     f"{peak * frac:g}</text>")
    ticks = sorted({0, n - 1, *range(0, n, max(1, n // 6))}) if n else []
    for i in ticks:
        parts.append(f'<text x="{x(i):.1f}" y="{top + h + 16}" text-anchor="middle" {_FONT}>'
                     f"{days[i].isoformat()}</text>")
    for k, (name, values) in enumerate(series.items()):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{color(k)}" stroke-width="1.5" '
                     f'points="{points}"/>')
        for i, v in enumerate(values):
            if v:
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2" fill="{color(k)}">'
                             f"<title>{escape(name)} {days[i].isoformat()}: {v}</title></circle>")
        ly = top + 14 * k + 6
        parts.append(f'<rect x="{left + w + 12}" y="{ly - 8}" width="10" height="10" '
                     f'fill="{color(k)}"/>')
        shown, total = sum(values), (totals or {}).get(name, 0)
        count = f"{shown} of {total}" if total > shown else str(shown)
        parts.append(f'<text x="{left + w + 26}" y="{ly + 1}" {_FONT}>{escape(name)} '
                     f"({count})</text>")
    parts.append("</svg>")
    return "\n".join(parts)


def stacked_bars(
    rows: Mapping[str, Mapping[str, int]], *, width: int = 900, title: str = "",
) -> str:
    """Horizontal bars, one per row key, stacked by category (e.g. error class)."""
    categories = sorted({c for parts in rows.values() for c in parts})
    left, right, bar, gap = 130, 40, 18, 8
    legend_h = 18 * ((len(categories) + 3) // 4) + 8
    height = legend_h + len(rows) * (bar + gap) + 10
    w = width - left - right
    peak = _nice_max(max((sum(p.values()) for p in rows.values()), default=0))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(title)}">']
    for j, cat in enumerate(categories):
        lx, ly = left + (j % 4) * 190, 12 + 18 * (j // 4)
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{color(j)}"/>')
        parts.append(f'<text x="{lx + 14}" y="{ly}" {_FONT}>{escape(cat)}</text>')
    for r, (name, counts) in enumerate(rows.items()):
        yy = legend_h + r * (bar + gap)
        parts.append(f'<text x="{left - 6}" y="{yy + 13}" text-anchor="end" {_FONT}>'
                     f"{escape(name)}</text>")
        xx = float(left)
        for j, cat in enumerate(categories):
            v = counts.get(cat, 0)
            if not v:
                continue
            bw = w * v / peak
            parts.append(f'<rect x="{xx:.1f}" y="{yy}" width="{bw:.1f}" height="{bar}" '
                         f'fill="{color(j)}"><title>{escape(name)} {escape(cat)}: {v}</title>'
                         "</rect>")
            xx += bw
        parts.append(f'<text x="{xx + 4:.1f}" y="{yy + 13}" {_FONT}>'
                     f"{sum(counts.values())}</text>")
    parts.append("</svg>")
    return "\n".join(parts)
