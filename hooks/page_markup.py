"""MkDocs hook: small fixes to the built pages' markup, so that they need no copied template.

* Each level page (front matter ``level: N``) gets an empty result panel after its title, for
  the page's script to fill from a ``#result=`` link, and a note for readers without
  JavaScript. The panel carries the level and how many levels the question bank has.
* The page with the assessment's questions gets its note for readers without JavaScript
  right after its title.
* Markdown tables' ``style="text-align: …"`` cells become classes (the CSP allows no inline
  styles).
* Material's search dialog gets an accessible name (axe: aria-dialog-name).

Every word it writes is the catalog's (``build.result_noscript``, ``build.search``...), in the
build's language (its theme's).
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from quiz.build import build_context, in_language, noscript_note, text

ALIGN = re.compile(r'<(th|td)([^>]*?) style="text-align: (left|right|center);?"')
FORM = 'id="ex-assessment"'  # the assessment's questions (quiz/form.py)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def result_slot(level: int, level_count: int) -> str:
    """The empty result panel and the no-JavaScript note for a level page."""
    return (
        f'<section id="ex-result" class="ex-result" aria-labelledby="ex-result-title"'
        f' tabindex="-1" data-level="{level}" data-level-count="{level_count}" hidden></section>'
        f'<noscript><p class="ex-noscript">{text("build.result_noscript")}</p></noscript>'
    )


def align_classes(html: str) -> str:
    """``<td style="text-align: right">`` as ``<td class="ex-align-right">``."""
    return ALIGN.sub(lambda m: f'<{m.group(1)}{m.group(2)} class="ex-align-{m.group(3)}"', html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The level pages' result panel and the form's note, and table alignment classes."""
    context = build_context(config)
    with in_language(context.language):
        level = page.meta.get("level")
        if level is not None:
            html = after_title(html, result_slot(int(level), len(context.bank.levels)), page)
        if FORM in html:
            overview = get_relative_url("levels/", page.url) + "#self-identify"
            html = after_title(html, noscript_note(overview), page)
    return align_classes(html)


def after_title(html: str, markup: str, page: Page) -> str:
    """``markup`` right after the page's title."""
    title_end = html.find("</h1>")
    if title_end < 0:
        raise PluginError(f"{page.file.src_uri}: this page needs a title (# heading)")
    cut = title_end + len("</h1>")
    return html[:cut] + markup + html[cut:]


def label_search_dialog(html: str) -> str:
    """Material's search dialog with an accessible name (``build.search``)."""
    label = escape(text("build.search"), quote=True)
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The search dialog's accessible name."""
    with in_language(build_context(config).language):
        return label_search_dialog(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page's search dialog too."""
    with in_language(build_context(config).language):
        return label_search_dialog(output_content)
