"""MkDocs hook: small fixes to the built pages' markup, so that they need no copied template.

* The assessment's questions (rendered by ``quiz.form``) are not in a ``<form>``: without
  JavaScript nothing can submit them, so answers can never leave the page. The note that the
  assessment needs JavaScript moves to the top, and the answered count stays hidden until the
  page's script shows it.
* Each level page (front matter ``level: N``) gets an empty result panel after its title, for
  the page's script to fill from a ``#result=`` link, and a note for readers without
  JavaScript. The panel carries the level and how many levels the question bank has.
* Markdown tables' ``style="text-align: …"`` cells become classes (the CSP allows no inline
  styles).
* Material's search dialog gets an accessible name (axe: aria-dialog-name).
"""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quiz import BankError, load_bank

FORM_OPEN = re.compile(r'<form id="ex-assessment"([^>]*)>')
NOSCRIPT = re.compile(r'\s*<noscript><p class="ex-noscript">.*?</noscript>', re.S)
ALIGN = re.compile(r'<(th|td)([^>]*?) style="text-align: (left|right|center);?"')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def _level_count() -> int:
    try:
        return len(load_bank(os.environ.get("EX_QUIZ_BANK") or None).levels)
    except BankError as error:
        raise PluginError(f"The question bank is invalid: {error}") from None


def assessment_without_form(html: str) -> str:
    """The assessment's questions in a ``<div>``, the no-JavaScript note first."""
    match = FORM_OPEN.search(html)
    if not match:
        return html
    start, end = match.span()
    close = html.index("</form>", end)
    body = html[end:close]
    body = body.replace('<div class="ex-progress"', '<div class="ex-progress" hidden', 1)
    body = body.replace('<button type="submit"', '<button type="button" data-ex-action="submit"', 1)
    rest = html[close + len("</form>") :]
    note = NOSCRIPT.match(rest)
    noscript = ""
    if note:
        noscript = note.group(0).strip() + "\n"
        rest = rest[note.end() :]
    return f'{html[:start]}{noscript}<div id="ex-assessment"{match.group(1)}>{body}</div>{rest}'


def result_slot(level: int, level_count: int) -> str:
    """The empty result panel and the no-JavaScript note for a level page."""
    return (
        f'<section id="ex-result" class="ex-result" aria-labelledby="ex-result-title"'
        f' tabindex="-1" data-level="{level}" data-level-count="{level_count}" hidden></section>'
        '<noscript><p class="ex-noscript">If a result link brought you here: showing the'
        " result needs JavaScript, because it is worked out by Python running in your browser."
        " The page itself reads fine without it.</p></noscript>"
    )


def align_classes(html: str) -> str:
    """``<td style="text-align: right">`` as ``<td class="ex-align-right">``."""
    return ALIGN.sub(lambda m: f'<{m.group(1)}{m.group(2)} class="ex-align-{m.group(3)}"', html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The assessment form and the level pages' result panel."""
    html = assessment_without_form(html)
    level = page.meta.get("level")
    if level is not None:
        slot = result_slot(int(level), _level_count())
        title_end = html.find("</h1>")
        if title_end < 0:
            raise PluginError(f"{page.file.src_uri}: a level page needs a title (# heading)")
        cut = title_end + len("</h1>")
        html = html[:cut] + slot + html[cut:]
    return align_classes(html)


def label_search_dialog(html: str) -> str:
    """Material's search dialog with an accessible name."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The search dialog's accessible name."""
    return label_search_dialog(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page's search dialog too."""
    return label_search_dialog(output_content)
