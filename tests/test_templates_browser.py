"""The fill-in templates (docs/forms/) on a phone, on a wide screen and on paper.

Paper is checked two ways: with the page laid out for print (``emulate_media(media="print")``)
at about the width of an A4 page's printable area, and as Chromium's own A4 PDF, whose pages
are counted.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

import pytest

from harness import ROOT, SiteServer, WatchedPage, load_hook

pytestmark = pytest.mark.browser

TEMPLATES = sorted(
    f"forms/{page.stem}/" for page in (ROOT / "docs" / "forms").glob("*.md") if page.stem != "index"
)
TABLE_TEMPLATES = [
    path
    for path in TEMPLATES
    if "ex-template__table" in (ROOT / "docs" / f"{path.rstrip('/')}.md").read_text("utf-8")
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A4's printable width at the templates' page margins (210 mm less 2 x 12 mm) at 96 px an inch.
PAPER = {"width": 703, "height": 1000}
PX_PER_CM = 96 / 2.54


def field_label(form: str, field_id: str) -> str:
    """A field's label as the template's source (docs/forms/<form>.md) writes it: its
    ``<label for>`` text, or else its ``aria-label``."""
    text = (ROOT / "docs" / "forms" / f"{form}.md").read_text(encoding="utf-8")
    found = re.search(rf'<label for="{field_id}">([^<]+)</label>', text) or re.search(
        rf'id="{field_id}"[^>]*aria-label="([^"]+)"', text
    )
    assert found, f"docs/forms/{form}.md has no label for {field_id}"
    return found[1]


# A sentence or two in each text box, a short phrase in each one-line field: what the business
# case asks for ("Keep each box to a sentence or two").
MODERATE_BOX = (
    "Agents copy each order by hand into a second system, which adds about four minutes to a "
    "call and causes errors."
)
MODERATE_LINE = "Support team leads, 40 people"


def open_template(watched: WatchedPage, site: SiteServer, path: str, size: dict[str, int]) -> Any:
    page = watched.page
    page.set_viewport_size(size)
    page.emulate_media(media="null")  # no emulation: on screen, print media for page.pdf()
    page.goto(site.url(path), wait_until="load")
    return page


def free_text_fields(page: Any) -> Any:
    """Every field of the template that takes free text."""
    return page.locator(".ex-template :is(textarea, input[type='text'])")


def fill_moderately(page: Any) -> None:
    """Type a sentence into each text box, a phrase into each one-line field, and a date and a
    number wherever the template asks for one."""
    fields = free_text_fields(page)
    for index in range(fields.count()):
        field = fields.nth(index)
        multi_line = field.evaluate("(el) => el.tagName === 'TEXTAREA' && el.rows > 1")
        field.fill(MODERATE_BOX if multi_line else MODERATE_LINE)
    dates = page.locator(".ex-template input[type='date']")
    for index in range(dates.count()):
        dates.nth(index).fill("2026-03-31")
    numbers = page.locator(".ex-template input[type='number']")
    for index in range(numbers.count()):
        numbers.nth(index).fill("30")


def pdf_page_count(pdf: bytes) -> int:
    """The number of pages in a PDF written by Chromium (one ``/Type /Page`` object each)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


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


# ------------------------------------------------------------------- phone and wide screen

TABLE_CELLS_JS = """() => {
    const cells = [];
    for (const table of document.querySelectorAll("table.ex-template__table")) {
        const headers = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
        for (const row of table.tBodies[0].rows) {
            [...row.cells].forEach((cell, column) => {
                if (cell.tagName !== "TD") return;
                const before = getComputedStyle(cell, "::before");
                const field = cell.querySelector("input, textarea");
                const box = cell.getBoundingClientRect();
                const fieldBox = field ? field.getBoundingClientRect() : box;
                cells.push({
                    header: headers[column],
                    label: before.display === "none" ? "none" : before.content,
                    name: field ? field.getAttribute("aria-label") : null,
                    right: Math.max(box.right, fieldBox.right),
                    labelRoom: fieldBox.top - box.top,
                    fontSize: parseFloat(getComputedStyle(cell).fontSize),
                    rowTop: row.cells[0].getBoundingClientRect().top,
                    top: box.top,
                    left: box.left,
                });
            });
        }
    }
    const root = document.documentElement;
    const tables = [...document.querySelectorAll("table.ex-template__table")].map((t) => ({
        display: getComputedStyle(t).display,
        headerHeight: t.tHead.getBoundingClientRect().height,
    }));
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, cells, tables};
}"""


@pytest.mark.parametrize("path", TABLE_TEMPLATES)
def test_fill_in_tables_are_labelled_cards_on_a_phone_and_tables_on_a_wide_screen(
    site: SiteServer, watched: WatchedPage, path: str
) -> None:
    """At 390 px the page does not scroll sideways: each table row is a card whose every
    field shows its column's name above it (the field keeps its own aria-label too). At
    1280 px the table is still a table: a header row, and each row's cells side by side."""
    page = open_template(watched, site, path, PHONE)
    phone = page.evaluate(TABLE_CELLS_JS)
    assert phone["cells"], f"{path} has no fill-in table"
    assert phone["scrollWidth"] <= PHONE["width"], phone["scrollWidth"]
    problems = []
    for cell in phone["cells"]:
        where = f"{path} {cell['name'] or cell['header']}"
        if cell["label"] != json.dumps(cell["header"]):
            problems.append(f"{where}: label {cell['label']}, not the column's name")
        if cell["right"] > PHONE["width"]:
            problems.append(f"{where}: ends at {cell['right']:.0f} px")
        if cell["name"] is not None:
            if not cell["name"].endswith(f": {cell['header']}"):
                problems.append(f"{where}: aria-label does not name the column")
            if cell["labelRoom"] < 0.9 * cell["fontSize"]:
                problems.append(f"{where}: no room above the field for its label")
    assert problems == []

    page.set_viewport_size(DESKTOP)
    wide = page.evaluate(TABLE_CELLS_JS)
    assert all(t["display"] == "table" and t["headerHeight"] > 0 for t in wide["tables"])
    for cell in wide["cells"]:
        assert cell["label"] == "none", cell
        assert abs(cell["top"] - cell["rowTop"]) < 2, cell  # side by side in their row
    assert watched.console_errors == []


def test_fill_in_table_cells_are_labelled_from_their_header_row() -> None:
    """The build hook names each body cell after its column, so the phone layout's labels
    never need typing twice; a row longer than the header fails the build."""
    hook = load_hook("template_markup")
    label_template_tables = hook.label_template_tables

    table = (
        '<table class="ex-template__table"><thead><tr><th scope="col">Stage</th>'
        '<th scope="col">Who <em>owns</em> it</th><th scope="col">Q&amp;A</th></tr></thead>'
        '<tbody><tr><th scope="row">Leaving</th><td><textarea rows="1"></textarea></td>'
        '<td data-label="Kept">x</td></tr></tbody></table>'
    )
    labelled = label_template_tables("<p>Before</p>" + table)
    assert labelled.startswith("<p>Before</p>")
    assert '<td data-label="Who owns it"><textarea rows="1"></textarea></td>' in labelled
    assert '<td data-label="Kept">x</td>' in labelled
    assert '<th scope="row">Leaving</th>' in labelled
    other = '<table class="other"><tbody><tr><td>1</td></tr></tbody></table>'
    assert label_template_tables(other) == other
    too_long = table.replace("</tr></tbody>", "<td>extra</td><td>more</td></tr></tbody>")
    with pytest.raises(hook.TemplateTableError):
        label_template_tables(too_long)


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


ROOM_JS = """() => [...document.querySelectorAll(".ex-template :is(textarea, input)")]
    .filter((el) => el.type !== "checkbox")
    .map((el) => {
        const box = el.getBoundingClientRect();
        const header = el.closest("table")
            ? el.closest("table").tHead.rows[0].cells[el.closest("td").cellIndex].textContent.trim()
            : null;
        return {
            id: el.id,
            inTable: !!el.closest("td"),
            multiLine: el.tagName === "TEXTAREA" && el.rows > 1,
            header,
            width: box.width,
            height: box.height,
            fontSize: parseFloat(getComputedStyle(el).fontSize),
        };
    })"""


# The workshop agenda's column for what a meeting decided (its fields' labels end with it).
DECISION_HEADER = field_label("workshop-agenda", "wa-decision-1-decision").split(": ", 1)[1]


def room_problems(page: Any) -> list[str]:
    """Printed blank fields without room to write by hand: a table cell's field needs two
    handwritten lines and 2.5 cm across (5 cm for what a meeting decided), a text box three
    lines, a one-line field one."""
    problems = []
    for field in page.evaluate(ROOM_JS):
        lines = field["height"] / field["fontSize"]
        if field["inTable"]:
            least_cm = 5 if field["header"] == DECISION_HEADER else 2.5
            if field["width"] < least_cm * PX_PER_CM:
                problems.append(f"{field['id']}: {field['width'] / PX_PER_CM:.1f} cm wide")
            least_lines = 2.6
        else:
            least_lines = 4 if field["multiLine"] else 1.9
        if lines < least_lines:
            problems.append(f"{field['id']}: {lines:.1f} em high, under {least_lines}")
    return problems


def test_business_case_prints_on_one_a4_page_blank_and_filled_in(
    site: SiteServer, watched: WatchedPage
) -> None:
    """The business case "makes one argument on one page": so does its printout, blank for
    writing by hand and with a sentence or two in each box."""
    page = open_template(watched, site, "forms/business-case/", PAPER)
    assert pdf_page_count(page.pdf(format="A4")) == 1
    page.emulate_media(media="print")
    assert room_problems(page) == []  # not by squeezing out the room to write by hand
    page.emulate_media(media="null")
    fill_moderately(page)
    assert pdf_page_count(page.pdf(format="A4")) == 1


def test_the_other_templates_print_blank_on_no_more_pages_than_their_fields_need(
    site: SiteServer, watched: WatchedPage
) -> None:
    """No page of a blank printout is left mostly empty by fields kept together: the team
    goal (its table, fair-use rules and sign-off) takes two A4 pages, the listening plan two
    (the form, then the examples), the workshop agenda one."""
    most = {"forms/team-cx-goal/": 2, "forms/listening-plan/": 2, "forms/workshop-agenda/": 1}
    counts = {}
    for path in most:
        page = open_template(watched, site, path, PAPER)
        counts[path] = pdf_page_count(page.pdf(format="A4"))
    assert {path: n for path, n in counts.items() if n > most[path]} == {}


@pytest.mark.parametrize("path", TABLE_TEMPLATES)
def test_printed_blank_tables_leave_room_to_write_by_hand(
    site: SiteServer, watched: WatchedPage, path: str
) -> None:
    """On a blank printout every table cell has room for two handwritten lines and at least
    2.5 cm across (5 cm for what a meeting decided); the fields around the tables keep their
    room too."""
    page = open_template(watched, site, path, PAPER)
    page.emulate_media(media="print")
    assert room_problems(page) == []


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


# ------------------------------------------------------------------- hints and screen-only


@pytest.mark.parametrize(
    ("path", "label", "suggested", "anchor"),
    [
        (
            "forms/team-cx-goal/",
            field_label("team-cx-goal", "tg-min-responses"),
            ["30"],
            "individual-measures",
        ),
        (
            "forms/listening-plan/",
            field_label("listening-plan", "lp-min-group"),
            ["5", "10"],
            "anonymity",
        ),
    ],
    ids=["team-cx-goal", "listening-plan"],
)
def test_threshold_fields_suggest_the_playbooks_values_and_link_to_its_guidance(
    site: SiteServer,
    watched: WatchedPage,
    path: str,
    label: str,
    suggested: list[str],
    anchor: str,
) -> None:
    """A threshold field's hint gives the value the playbook suggests, and links to the
    section that explains it, which gives the same value."""
    page = open_template(watched, site, path, DESKTOP)
    field = page.get_by_label(label, exact=True)
    hint_id = field.get_attribute("aria-describedby")
    assert hint_id, f"{label!r} has no hint"
    hint = page.locator(f"#{hint_id}")
    assert hint.is_visible()
    text = " ".join(hint.inner_text().split())
    for value in suggested:
        assert re.search(rf"\b{value}\b", text), (value, text)
    link = hint.locator("a")
    assert link.count() == 1
    link.click()
    page.wait_for_url(re.compile(rf"#{anchor}$"))
    page.locator(f"article #{anchor}").wait_for(state="attached")  # instant navigation
    section = page.evaluate(
        """(id) => {
            const heading = document.getElementById(id);
            let text = "";
            for (let el = heading.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName);
                 el = el.nextElementSibling) text += " " + el.textContent;
            return text;
        }""",
        anchor,
    )
    for value in suggested:
        assert re.search(rf"at least {value}\b", section, re.IGNORECASE), (value, anchor)
    assert watched.console_errors == []


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
