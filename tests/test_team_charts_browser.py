"""The team page's charts and tables in the browser: no axe violation, no sideways scrolling, an
agenda that fits a phone, every dot of the spread chart inside it, labels readable on a phone,
and a spread band that stands out in both palettes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from harness import SiteServer
from tests.axe import axe_violations
from tests.team_support import (
    BANK,
    compare,
    expected_team,
    open_team_page,
    three_people,
    uniform_code,
)
from tests.waits import scroll_settled

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_the_team_page_with_a_comparison(
    context: Any, site: SiteServer, scheme: str
) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    open_team_page(site, page)
    assert axe_violations(page) == []
    compare(page, three_people(site))
    assert axe_violations(page) == []


def page_overflow(page: Any) -> tuple[int, int]:
    """The page's scroll width and its viewport's width."""
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    return int(width), int(client)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_hidden_chart_table_takes_no_width_so_the_page_never_scrolls_sideways(
    context: Any, site: SiteServer, width: int
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    open_team_page(site, page)
    region = compare(page, three_people(site))
    assert region.locator("table.ex-chart-table tbody tr").count() == len(BANK.dimensions)
    scroll, client = page_overflow(page)
    assert scroll <= client, f"{scroll} px wide in a {client} px viewport"


def test_the_agenda_fits_a_phone_and_lines_up_time_and_title_on_a_wide_screen(
    context: Any, site: SiteServer
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    open_team_page(site, page)
    region = compare(page, three_people(site))
    cells = region.locator(".ex-agenda__table tbody :is(th, td)")
    assert cells.count() == 3 * len(expected_team(three_people(site))["agenda"]["items"])
    boxes = [cell.bounding_box() for cell in cells.all()]
    outside = [box for box in boxes if box["x"] < 0 or box["x"] + box["width"] > 390 + 0.5]
    assert outside == [], outside
    # On a wide screen, a row's time and its title start on the same line at the top.
    # Each row's boxes are read in one go: the page may still scroll after the resize, and
    # boxes read one call apart would then come from two different scroll positions.
    page.set_viewport_size({"width": 1280, "height": 800})
    scroll_settled(page)
    rows = region.locator(".ex-agenda__table tbody tr").evaluate_all(
        """(rows) => rows.map((row) => {
            const box = (element) => element.getBoundingClientRect();
            const time = box(row.querySelector("th"));
            const cell = row.querySelector("td");
            return {time, cell: box(cell), title: box(cell.querySelector("strong"))};
        })"""
    )
    assert rows
    for row in rows:
        time_cell, title_cell, title = row["time"], row["cell"], row["title"]
        assert abs(time_cell["y"] - title_cell["y"]) < 1
        assert time_cell["width"] < title_cell["width"]
        assert title["y"] - time_cell["y"] < 20


def circles_outside(page: Any) -> list[str]:
    """The spread chart's dots that are not wholly inside its viewBox."""
    outside: list[str] = page.evaluate(
        """() => {
            const chart = document.querySelector("svg.ex-chart--spread");
            const box = chart.viewBox.baseVal;
            return [...chart.querySelectorAll("circle")].filter((dot) => {
                const x = dot.cx.baseVal.value, y = dot.cy.baseVal.value, r = dot.r.baseVal.value;
                return x - r < box.x || y - r < box.y
                    || x + r > box.x + box.width || y + r > box.y + box.height;
            }).map((dot) => dot.textContent);
        }"""
    )
    return outside


@pytest.mark.parametrize("width", [1280, 390])
def test_every_dot_of_the_spread_chart_is_inside_it_one_per_person_and_level(
    context: Any, site: SiteServer, width: int
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    open_team_page(site, page)
    low, high = uniform_code(BANK.lowest), uniform_code(BANK.top)
    lines = [f"Low {n}: {low}" for n in range(10)] + [f"High {n}: {high}" for n in range(12)]
    lines.append(f"Middle: {uniform_code(3)}")
    region = compare(page, "\n".join(lines))
    chart = region.locator("svg.ex-chart--spread")
    assert circles_outside(page) == []
    titles = chart.locator("circle title").all_text_contents()
    areas = len(BANK.dimensions)
    assert sum(t.endswith(f": Level {BANK.lowest}") for t in titles) == 10 * areas
    assert sum(t.endswith(f": Level {BANK.top}") for t in titles) == 12 * areas
    assert sum(t.endswith(": Level 3") for t in titles) == areas
    # The median mark (here at Level 3, on the middle person's dot) is drawn under the dots.
    order = page.evaluate(
        """() => [...document.querySelector("svg.ex-chart--spread").children]
            .map((node) => node.getAttribute("class"))"""
    )
    medians = [i for i, name in enumerate(order) if name == "ex-chart__median"]
    dots = [i for i, name in enumerate(order) if name == "ex-chart__dot"]
    assert len(medians) == areas
    assert max(medians) < max(dots)
    for at in medians:
        assert order[at + 1] == "ex-chart__dot"  # each area's dots follow its median
    # Dots at neighbouring levels do not overlap.
    xs = page.evaluate(
        """() => [...document.querySelectorAll("svg.ex-chart--spread circle")]
            .map((dot) => [dot.textContent.split("Level ")[1], dot.cx.baseVal.value])"""
    )
    right_of_low = max(x for level, x in xs if level == str(BANK.lowest))
    left_of_middle = min(x for level, x in xs if level == "3")
    assert right_of_low < left_of_middle


def text_heights(page: Any, selector: str) -> list[float]:
    heights: list[float] = page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)]"
        ".map((text) => text.getBoundingClientRect().height)",
        selector,
    )
    return heights


def test_the_spread_charts_labels_are_readable_on_a_phone(context: Any, site: SiteServer) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    open_team_page(site, page)
    compare(page, three_people(site))
    heights = text_heights(page, "svg.ex-chart--spread text")
    assert heights
    assert min(heights) >= 11, heights
    # Turned to landscape, the chart is laid out again for the wider box.
    page.set_viewport_size({"width": 844, "height": 390})
    page.wait_for_function(
        "() => document.querySelector('svg.ex-chart--spread').viewBox.baseVal.width > 400"
    )
    assert min(text_heights(page, "svg.ex-chart--spread text")) >= 11


def relative_luminance(rgb: Sequence[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_color(text: str) -> tuple[float, float, float, float]:
    """An rgb() or rgba() colour as computed by the browser."""
    inner = text[text.index("(") + 1 : text.index(")")].replace("/", " ").replace(",", " ")
    values = [float(v) for v in inner.split()]
    return (values[0], values[1], values[2], values[3] if len(values) > 3 else 1.0)


def over(top: Sequence[float], below: Sequence[float]) -> tuple[float, ...]:
    alpha = top[3]
    return tuple(top[i] * alpha + below[i] * (1 - alpha) for i in range(3))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_spread_band_stands_out_from_the_page_in_both_palettes(
    context: Any, site: SiteServer, scheme: str
) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    open_team_page(site, page)
    region = compare(page, three_people(site))
    colours = region.evaluate(
        r"""(region) => {
            const band = region.querySelector(".ex-chart__range");
            let node = band.closest("svg").parentElement, background = "rgba(0, 0, 0, 0)";
            while (node && /rgba\(.*, 0\)$|transparent/.test(background)) {
                background = getComputedStyle(node).backgroundColor;
                node = node.parentElement;
            }
            const style = getComputedStyle(band);
            const edge = style.stroke === "none" ? style.fill : style.stroke;
            return [edge, style.strokeOpacity, background];
        }"""
    )
    edge, opacity, background = colours
    page_colour = parse_color(background)[:3]
    colour = parse_color(edge)
    colour = (*colour[:3], colour[3] * float(opacity))
    lighter, darker = sorted(
        [relative_luminance(over(colour, page_colour)), relative_luminance(page_colour)],
        reverse=True,
    )
    assert (lighter + 0.05) / (darker + 0.05) >= 3, colours
