"""The fill-in templates (docs/forms/) on screen: their tables are labelled cards on a phone and
tables on a wide screen, every cell labelled from its header row, and threshold fields
suggest the playbook's values and link to its guidance.
"""

from __future__ import annotations

import json
import re

import pytest

from harness import SiteServer, WatchedPage, load_hook
from tests.templates_support import DESKTOP, PHONE, TABLE_TEMPLATES, field_label, open_template

pytestmark = pytest.mark.browser


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


# ------------------------------------------------------------------------------ hints


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
