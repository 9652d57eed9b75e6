"""The fill-in templates (docs/forms/) on paper, page by page: the business case on one A4 page
blank and filled in, the other templates on no more pages than their fields need, and blank
tables that leave room to write by hand.

Paper is checked two ways: with the page laid out for print (``emulate_media(media="print")``)
at about the width of an A4 page's printable area, and as Chromium's own A4 PDF, whose pages
are counted.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from harness import SiteServer, WatchedPage
from tests.templates_support import (
    PAPER,
    TABLE_TEMPLATES,
    field_label,
    free_text_fields,
    open_template,
)

pytestmark = pytest.mark.browser
PX_PER_CM = 96 / 2.54


# A sentence or two in each text box, a short phrase in each one-line field: what the business
# case asks for ("Keep each box to a sentence or two").
MODERATE_BOX = (
    "Agents copy each order by hand into a second system, which adds about four minutes to a "
    "call and causes errors."
)
MODERATE_LINE = "Support team leads, 40 people"


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
