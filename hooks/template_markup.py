"""MkDocs hook: label each cell of the templates' fill-in tables with its column's header.

On a phone, ``extra.css`` lays a fill-in table (``<table class="ex-template__table">``) out as
one card per row, and a card has no header row above it, so each cell shows its column's name
from ``td::before { content: attr(data-label) }``. This hook writes that ``data-label`` on every
body cell, from the table's own ``<thead>``, so the names are typed once, in the header, and a
renamed or added column needs nothing else.

A body row with more cells than the header has columns is a mistake in the template and fails
the build.
"""

from __future__ import annotations

import html as html_lib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TABLE = re.compile(
    r'<table\b[^>]*\bclass="(?:[^"]*\s)?ex-template__table(?:\s[^"]*)?"[^>]*>.*?</table>', re.S
)
SECTION = re.compile(r"<(thead|tbody)\b[^>]*>(.*?)</\1>", re.S)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
CELL = re.compile(r"<(th|td)\b([^>]*)>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


class TemplateTableError(ValueError):
    """A fill-in table whose rows do not match its header."""


def header_names(thead: str) -> list[str]:
    """The text of each header cell of the table's first header row."""
    row = ROW.search(thead)
    if row is None:
        return []
    return [
        " ".join(html_lib.unescape(TAG.sub("", cell.group(3))).split())
        for cell in CELL.finditer(row.group(0))
    ]


def label_row(row: str, names: list[str]) -> str:
    """``row`` with ``data-label`` on each ``<td>`` that has none, named after its column."""
    cells = list(CELL.finditer(row))
    if len(cells) > len(names):
        raise TemplateTableError(
            f"a row has {len(cells)} cells but the header names {len(names)} columns"
        )
    out, last = [], 0
    for column, cell in enumerate(cells):
        tag, attrs = cell.group(1), cell.group(2)
        out.append(row[last : cell.start()])
        if tag == "td" and "data-label=" not in attrs:
            label = html_lib.escape(names[column], quote=True)
            out.append(f'<td{attrs} data-label="{label}">{cell.group(3)}</td>')
        else:
            out.append(cell.group(0))
        last = cell.end()
    out.append(row[last:])
    return "".join(out)


def label_table(table: str) -> str:
    """One fill-in table with its body cells labelled from its header."""
    sections = {match.group(1): match for match in SECTION.finditer(table)}
    if "thead" not in sections or "tbody" not in sections:
        raise TemplateTableError("a fill-in table needs a <thead> and a <tbody>")
    names = header_names(sections["thead"].group(2))
    body = sections["tbody"]
    labelled = ROW.sub(lambda row: label_row(row.group(0), names), body.group(0))
    return table[: body.start()] + labelled + table[body.end() :]


def label_template_tables(html: str) -> str:
    """Every fill-in table in ``html`` with its body cells labelled."""
    return TABLE.sub(lambda table: label_table(table.group(0)), html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Label the fill-in tables' cells on every page that has one."""
    if "ex-template__table" not in html:
        return html
    try:
        return label_template_tables(html)
    except TemplateTableError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
