"""MkDocs hook: give every task-list checkbox an accessible name.

pymdownx.tasklist renders ``<label class="task-list-control"><input ...><span ...></span></label>
text``, leaving the checkbox without a label (axe: ``label``). This moves the item's own text
inside the label, so the checkbox is named by the task it stands for.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

TASK = re.compile(
    r'(<li class="task-list-item">\s*<label class="task-list-control">'
    r'<input type="checkbox"[^>]*>\s*<span class="task-list-indicator"></span>)'
    r"</label>(.*?)(?=<ul|<ol|</li>)",
    re.S,
)


def label_task_items(html: str) -> str:
    """Move each task item's text into its checkbox label."""
    return TASK.sub(r'\1<span class="task-list-text">\2</span></label>', html)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Apply :func:`label_task_items` to every page."""
    return label_task_items(html)
