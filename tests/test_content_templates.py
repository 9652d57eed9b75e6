"""Content checks for the templates in docs/forms/: there are four in each language, and each
has an owner, a date and a metric field, every field labelled; a translated template has the
same fields as its English page (``business-case.fr.md`` and ``business-case.md``).

The check is a function that takes text and returns a list of problems, so it is also
exercised on small broken samples.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from quiz.build import page_language, source_page
from tests.content_support import DOCS, prose_lines

FORMS = DOCS / "forms"
#: The forms' index page, in every language, is not a template.
FORMS_INDEX = "forms/index.md"


def source_name(path: Path) -> str:
    """The page a file is, in any language: ``forms/business-case.fr.md`` ->
    ``forms/business-case.md``."""
    return source_page(path.relative_to(DOCS).as_posix())


def language(path: Path) -> str:
    return page_language(path.relative_to(DOCS).as_posix()) or "en"


TEMPLATE_PAGES = sorted(p for p in FORMS.glob("*.md") if source_name(p) != FORMS_INDEX)
#: The languages the playbook's pages are written in.
LANGUAGES = sorted({language(path) for path in DOCS.rglob("*.md")})
REQUIRED_TEMPLATE_FIELDS = ("owner", "date", "metric")
FORM_CONTROLS = {"input", "textarea", "select"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _FormControls(HTMLParser):
    """Form controls and labels in a page's raw HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag in FORM_CONTROLS:
            self.controls.append({"tag": tag, **values})
        elif tag == "label" and values.get("for"):
            self.label_for.add(values["for"])


def template_field_problems(text: str) -> list[str]:
    """A template has an owner, a date and a metric field, and every field has a label."""
    parser = _FormControls()
    parser.feed("\n".join(prose_lines(text)))
    problems = []
    names = {control.get("name") for control in parser.controls}
    problems += [f"no '{name}' field" for name in REQUIRED_TEMPLATE_FIELDS if name not in names]
    dates = [c for c in parser.controls if c.get("name") == "date"]
    if dates and dates[0].get("type") != "date":
        problems.append("the 'date' field is not a date input")
    ids = [control["id"] for control in parser.controls if control.get("id")]
    if duplicates := sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"field ids used twice: {duplicates}")
    for control in parser.controls:
        if control.get("type") in UNLABELLED_INPUT_TYPES:
            continue
        labelled = control.get("id") in parser.label_for or control.get("aria-label", "").strip()
        if not labelled:
            problems.append(
                f"{control['tag']} {control.get('name') or control.get('id')!r} has no label"
            )
    return problems


def form_controls(text: str) -> list[tuple[str, str, str, str]]:
    """(tag, name, id, type) of each field of a page, in order."""
    parser = _FormControls()
    parser.feed("\n".join(prose_lines(text)))
    return [
        (c["tag"], c.get("name", ""), c.get("id", ""), c.get("type", "")) for c in parser.controls
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_there_are_four_templates(lang: str) -> None:
    assert [Path(source_name(p)).stem for p in TEMPLATE_PAGES if language(p) == lang] == [
        "business-case",
        "listening-plan",
        "team-cx-goal",
        "workshop-agenda",
    ]


def test_the_pages_are_written_in_more_than_one_language() -> None:
    assert "en" in LANGUAGES
    assert len(LANGUAGES) > 1  # the counts above are per language, French included


@pytest.mark.parametrize("page", TEMPLATE_PAGES, ids=lambda p: p.name.removesuffix(".md"))
def test_template_has_owner_date_and_metric_fields_all_labelled(page: Path) -> None:
    assert template_field_problems(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "page",
    [page for page in TEMPLATE_PAGES if language(page) != "en"],
    ids=lambda p: p.name.removesuffix(".md"),
)
def test_a_translated_template_has_the_fields_of_its_english_page(page: Path) -> None:
    """The same fields, names, ids and types, in the same order: only their labels are in
    another language (and each is labelled, as the test above checks)."""
    english = DOCS / source_name(page)
    fields = form_controls(page.read_text(encoding="utf-8"))
    assert fields
    assert fields == form_controls(english.read_text(encoding="utf-8"))


def test_template_check_wants_labelled_owner_date_and_metric_fields() -> None:
    good = (
        "# A template\n\n<div>\n"
        '<label for="x-owner">Owner</label><input type="text" id="x-owner" name="owner">\n'
        '<label for="x-date">Date</label><input type="date" id="x-date" name="date">\n'
        '<label for="x-metric">Metric</label><textarea id="x-metric" name="metric"></textarea>\n'
        '<td><input type="text" id="x-row" name="row" aria-label="Row 1: owner"></td>\n'
        "</div>\n"
    )
    assert template_field_problems(good) == []
    assert template_field_problems(good.replace('name="metric"', 'name="measure"'))
    assert template_field_problems(
        good.replace('type="date" id="x-date"', 'type="text" id="x-date"')
    )
    assert template_field_problems(good.replace('<label for="x-owner">Owner</label>', ""))
    assert template_field_problems(good.replace(' aria-label="Row 1: owner"', ""))
    assert template_field_problems(good.replace('id="x-row"', 'id="x-owner"'))
    assert template_field_problems("```html\n" + good + "\n```\n")  # fields in a code block
