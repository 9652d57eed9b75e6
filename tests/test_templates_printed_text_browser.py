"""The fill-in templates (docs/forms/) on paper, field by field: every typed text prints whole
(also in a browser without CSS field-sizing), text boxes print as boxes without a resize
grip, and screen-only help is left out while blank dates print as empty lines.

Paper is checked two ways: with the page laid out for print (``emulate_media(media="print")``)
at about the width of an A4 page's printable area, and as Chromium's own A4 PDF or a
screenshot of the printed page.
"""

from __future__ import annotations

import re
import zlib

import pytest

from harness import ROOT, SiteServer, WatchedPage
from tests.templates_support import PAPER, TEMPLATES, field_label, free_text_fields, open_template

pytestmark = pytest.mark.browser


def png_rows(data: bytes) -> tuple[list[bytes], int]:
    """The pixel rows of an 8-bit, non-interlaced RGB or RGBA PNG (as Chromium's screenshots
    are), and its number of channels (3 or 4 bytes a pixel)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
            assert body[8] == 8, "8-bit PNGs only"
            assert body[12] == 0, "non-interlaced PNGs only"
            channels = {2: 3, 6: 4}[body[9]]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind_of_filter, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            up_left = previous[x - channels] if x >= channels else 0
            if kind_of_filter == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind_of_filter == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind_of_filter == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind_of_filter == 4:
                estimate = left + up - up_left
                nearest = min(
                    (abs(estimate - left), 0, left),
                    (abs(estimate - up), 1, up),
                    (abs(estimate - up_left), 2, up_left),
                )[2]
                line[x] = (line[x] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows, channels


def dark_pixels(png: bytes, *, skip_bottom: int) -> int:
    """How many pixels of a screenshot are dark (text, icons, lines), leaving out its bottom
    ``skip_bottom`` rows (a field's printed line)."""
    rows, channels = png_rows(png)
    count = 0
    for row in rows[: len(rows) - skip_bottom]:
        for x in range(0, len(row), channels):
            if min(row[x : x + 3]) < 160:
                count += 1
    return count


# ------------------------------------------------------------------------------ paper

OVERFLOW_JS = """(fields) => fields
    .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
    .map((el) => `${el.id}: text ${el.scrollWidth}x${el.scrollHeight} px, ` +
        `field ${el.clientWidth}x${el.clientHeight} px`)
"""

REVIEWERS_TEXT = {
    "forms/business-case/": (
        field_label("business-case", "bc-affected"),
        "Customer Support tier 1 and tier 2 agents in Leeds and Glasgow, about 140 people on "
        "three shifts",
    ),
    "forms/team-cx-goal/": (
        field_label("team-cx-goal", "tg-row-1-role"),
        "Field technician with a very long job title that needs space",
    ),
}


@pytest.mark.parametrize("path", TEMPLATES)
def test_printout_shows_all_of_the_text_typed_into_every_field(
    site: SiteServer, watched: WatchedPage, path: str
) -> None:
    """Long text typed into any free-text field wraps and the field grows on paper, so the
    printout keeps every word (a one-line <input> cut it off at its right edge)."""
    page = open_template(watched, site, path, PAPER)
    fields = free_text_fields(page)
    long_text = (
        "A long answer that runs well past the width of any one field on the page, so that "
        "it has to wrap onto a second and a third line to be read in full on paper."
    )
    for index in range(fields.count()):
        fields.nth(index).fill(long_text)
    label, text = REVIEWERS_TEXT.get(path, (None, ""))
    if label:
        page.get_by_label(label, exact=True).fill(text)
    page.emulate_media(media="print")
    cut = fields.evaluate_all(OVERFLOW_JS)
    assert cut == []
    if label:
        field = page.get_by_label(label, exact=True)
        assert field.is_visible()
        assert field.input_value() == text
    assert watched.console_errors == []


# A browser without CSS field-sizing (Firefox, for one): CSS.supports() says so, and every text
# field keeps its fixed size whatever the site's stylesheet asks.
WITHOUT_FIELD_SIZING = """
const supports = CSS.supports.bind(CSS);
CSS.supports = (...args) => !String(args[0]).includes("field-sizing") && supports(...args);
document.addEventListener("DOMContentLoaded", () => {
  const fixed = new CSSStyleSheet();
  fixed.replaceSync("textarea { field-sizing: fixed !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, fixed];
});
"""

# Each filled field's text as it prints: the field itself, or the copy printed in its place.
PRINTED_TEXT_JS = """(fields) => fields.map((el) => {
    const shown = getComputedStyle(el).display !== "none" ? el : el.nextElementSibling;
    const box = shown.getBoundingClientRect();
    return {
        id: el.id,
        text: shown === el ? el.value : shown.textContent,
        cut: shown.scrollHeight > shown.clientHeight + 1
            || shown.scrollWidth > shown.clientWidth + 1,
        height: box.height,
    };
})"""


@pytest.mark.parametrize("path", ["forms/business-case/", "forms/team-cx-goal/"])
def test_without_field_sizing_fields_still_grow_on_screen_and_print_all_their_text(
    site: SiteServer, watched: WatchedPage, path: str
) -> None:
    """Where the browser cannot make a text field grow by itself, grow.mjs does: a field is
    as tall as its text as it is typed, and on paper each filled field prints all of its
    text at the paper's width, then the page is back as it was after printing."""
    watched.page.add_init_script(WITHOUT_FIELD_SIZING)
    page = open_template(watched, site, path, PAPER)
    fields = page.locator(".ex-template textarea")
    long_text = (
        "A long answer that runs well past the width of any one field on the page, so that "
        "it has to wrap onto a second and a third line to be read in full."
    )
    for index in range(fields.count()):
        fields.nth(index).fill("")
        fields.nth(index).press_sequentially(long_text[:40])
        fields.nth(index).fill(long_text)
    on_screen = fields.evaluate_all(OVERFLOW_JS)
    assert on_screen == []
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    printed = fields.evaluate_all(PRINTED_TEXT_JS)
    assert [f["id"] for f in printed if f["text"] != long_text or f["cut"]] == []
    assert min(f["height"] for f in printed) > 40  # three wrapped lines, not one
    page.emulate_media(media="null")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".ex-field__print").count() == 0
    assert fields.evaluate_all("(all) => all.every((el) => el.checkVisibility())")
    assert watched.console_errors == []


def test_printed_text_boxes_are_boxes_without_a_resize_grip(
    site: SiteServer, watched: WatchedPage
) -> None:
    """On paper a text box (and a table cell's field) has a border on all four sides, and no
    field shows the resize grip that only a screen can use."""
    problems = []
    for path in TEMPLATES:
        page = open_template(watched, site, path, PAPER)
        page.emulate_media(media="print")
        found = page.evaluate(
            """() => [...document.querySelectorAll(".ex-template textarea")].map((el) => {
                const style = getComputedStyle(el);
                const sides = ["top", "right", "bottom", "left"];
                return {
                    id: el.id,
                    boxed: el.rows > 1 || !!el.closest("td"),
                    sides: sides.filter((side) =>
                        style.getPropertyValue(`border-${side}-style`) === "solid" &&
                        parseFloat(style.getPropertyValue(`border-${side}-width`)) >= 1),
                    resize: style.resize,
                };
            })"""
        )
        for box in found:
            if box["boxed"] and len(box["sides"]) < 4:
                problems.append(f"{path} {box['id']}: border on {box['sides']} only")
            if box["resize"] != "none":
                problems.append(f"{path} {box['id']}: resize {box['resize']}")
    assert problems == []


def howto_title(path: str) -> str:
    """The title of a template's screen-only "how to fill it in" box, as its source writes it."""
    text = (ROOT / "docs" / f"{path.rstrip('/')}.md").read_text(encoding="utf-8")
    found = re.search(r'^!!! \w+ ex-template__screen-only "([^"]+)"', text, re.M)
    assert found, f"{path} has no screen-only help box"
    return found[1]


def test_printout_leaves_out_screen_only_help_and_blank_dates_print_as_empty_lines(
    site: SiteServer, watched: WatchedPage
) -> None:
    """On paper: no "Filling it in" box (it is about typing and printing), no business-case
    checklist for before sending, and an empty date field is a bare line, without the
    browser's "mm/dd/yyyy" or calendar icon; a date that was typed still prints."""
    for path in TEMPLATES:
        page = open_template(watched, site, path, PAPER)
        howto = page.locator(".admonition", has_text=howto_title(path))
        assert howto.is_visible()
        page.emulate_media(media="print")
        assert not howto.is_visible(), path
        dates = page.locator(".ex-template input[type='date']")
        assert dates.count() > 0
        # Every field is optional: nothing is announced as required to pass a print trick.
        assert page.locator(".ex-template [required]").count() == 0, path
        for index in range(dates.count()):
            shot = dates.nth(index).screenshot(animations="disabled", caret="hide")
            assert dark_pixels(shot, skip_bottom=3) == 0, f"{path} date field {index + 1}"
        page.emulate_media(media="null")
        dates.first.fill("2026-03-31")
        page.emulate_media(media="print")
        shot = dates.first.screenshot(animations="disabled", caret="hide")
        assert dark_pixels(shot, skip_bottom=3) > 20, f"{path}: a typed date did not print"
    page = open_template(watched, site, "forms/business-case/", PAPER)
    checks = page.locator("#checks")
    checklist = page.locator("#checks + ul")
    assert checks.is_visible()
    assert checklist.is_visible()
    page.emulate_media(media="print")
    assert not checks.is_visible()
    assert not checklist.is_visible()
    assert watched.console_errors == []
