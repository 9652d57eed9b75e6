"""Series of measurements summarised (median, range, count) and figures formatted for the
report: milliseconds, bytes, ratios and Markdown tables. Pure functions."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Stats:
    """Median, minimum and maximum of a series of measurements."""

    median: float
    low: float
    high: float
    count: int


def summarize(values: Sequence[float]) -> Stats | None:
    """Stats of ``values``, or None when there are none."""
    if not values:
        return None
    return Stats(statistics.median(values), min(values), max(values), len(values))


def median_of(stats: Stats | None) -> float | None:
    """The median, or None when nothing was measured."""
    return None if stats is None else stats.median


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def fmt_ms(value: float | None) -> str:
    """Milliseconds for the report: ``1234 ms``, ``12.3 ms``, or ``n/a``."""
    if value is None:
        return "n/a"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def fmt_bytes(value: int | None) -> str:
    """Bytes for the report in kB/MB (SI) with the exact count: ``9.60 MB (9,598,218 B)``."""
    if value is None:
        return "n/a"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.2f} MB ({value:,} B)"
    if value >= 1_000:
        return f"{value / 1_000:.1f} kB ({value:,} B)"
    return f"{value} B"


def fmt_stats(stats: Stats | None) -> str:
    """``median (min-max, n=N)`` in ms."""
    if stats is None:
        return "n/a"
    return f"{fmt_ms(stats.median)} ({fmt_ms(stats.low)}-{fmt_ms(stats.high)}, n={stats.count})"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; pipes inside cells are escaped."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    return "\n".join([line(headers), line(["---"] * len(headers)), *(line(row) for row in rows)])


def plural(count: int, noun: str) -> str:
    """``1 round``, ``7 rounds``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fmt_ratio(value: float | None) -> str:
    """A ratio such as ``1.08x``, or ``n/a``."""
    return "n/a" if value is None else f"{value:.2f}x"


def fmt_ratio_stats(stats: Stats | None) -> str:
    """Ratios as ``median (min-max, n=N)``: ``1.10x (1.05x-1.20x, n=3)``."""
    if stats is None:
        return "n/a"
    low, high = fmt_ratio(stats.low), fmt_ratio(stats.high)
    return f"{fmt_ratio(stats.median)} ({low}-{high}, n={stats.count})"
