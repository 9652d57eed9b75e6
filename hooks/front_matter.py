"""MkDocs hook: a page's front matter (the lines between the two ``---`` lines at its top) is
checked when the site is built, with a message a content editor can act on.

MkDocs itself says nothing when the front matter cannot be read: the lines are published as
the page's first paragraph, and the page loses what they set. So the build fails when:

* a page starts with ``---`` but its front matter could not be read (broken YAML, such as a
  colon inside an unquoted value, or a missing closing ``---``);
* a page has no ``description`` (search engines and link previews show it);
* a level page of the question bank does not say its own level (``level: 3`` on the Level 3
  page): the result panel and result links depend on it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quiz.build import build_context, source_page
from quiz.errors import BankError

HOW = (
    "The front matter is the block at the very top of the page, between two lines of three"
    " dashes (---)."
)


#: The bank's level pages and their levels, read once per build (on_pre_build).
_level_pages: dict[str, int] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Read the bank's level pages for this build."""
    try:
        bank = build_context(config).bank
    except BankError as error:
        raise PluginError(f"The question bank is invalid: {error}") from None
    _level_pages.clear()
    _level_pages.update({level.page: level.number for level in bank.levels})


def front_matter_problem(
    src_uri: str, markdown: str, meta: dict[str, object], level: int | None
) -> str | None:
    """What is wrong with a page's front matter, in plain words; None when nothing is."""
    where = f"docs/{src_uri}"
    if not meta and markdown.lstrip().startswith("---"):
        return (
            f"{where}: its front matter could not be read. {HOW} Check that both lines of"
            " dashes are there, that each line reads name: value, and that a value with a"
            ' colon in it is in quotes, like description: "Level 3: what it looks like".'
        )
    if str(meta.get("description")).strip() in {">", ">-", "|", "|-"}:
        # Without the opening ---, MkDocs reads "description: >-" as the whole description.
        return (
            f"{where}: its front matter could not be read: the first line of three dashes (---)"
            f" is missing. {HOW}"
        )
    if not str(meta.get("description") or "").strip():
        return (
            f"{where}: its front matter has no description: line. {HOW} Add one sentence that"
            " says what the page offers (search engines and link previews show it)."
        )
    if level is not None and meta.get("level") != level:
        found = meta.get("level")
        said = "has no level: line" if found is None else f"says level: {found}"
        return (
            f"{where}: its front matter {said}, but this is the Level {level} page of the"
            f" question bank. {HOW} It must say level: {level} (result links need it)."
        )
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fail the build on a page whose front matter is unread, incomplete or wrong."""
    uri = page.file.src_uri
    level = _level_pages.get(source_page(uri))
    problem = front_matter_problem(uri, markdown, dict(page.meta), level)
    if problem:
        raise PluginError(problem)
    return markdown
