"""MkDocs hook: the catalogs checked, and the sentences the pages show without asking the scorer.

Python writes every sentence a reader sees, from one catalog per language
(``quiz/catalog/<language>/``). The build stops, naming the file and the key, when a
catalog misses a message of the English one, adds one, or changes its ``{marks}``.

Most sentences come from the scorer, but a few are needed where it cannot answer: before it has
started, or about what happens around it (a result page that did not arrive, answers changed in
another tab, a damaged download). They are the catalog's ``page.`` messages
(:func:`quiz.web.page_messages`), in the build's language (``theme.language``, or the one
the i18n plugin is building); this hook hands
them to the template (``overrides/main.html``), which writes them into every page as a JSON
data block (``<script type="application/json" id="ex-messages">``, which runs nothing and
which the Content Security Policy leaves alone). ``docs/javascripts/shared/messages.mjs``
reads them there. The theme's templates get their words the same way (``template.``
messages, as ``config.extra.template_text``).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from quiz.build import build_language, catalog_problems, languages, messages
from quiz.errors import BankError
from quiz.web import page_messages


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Check every catalog; put the pages' sentences, in the build's language, into
    ``config.extra`` (before each language's build: the i18n plugin builds them in turn)."""
    try:
        problems = catalog_problems()
    except BankError as error:
        raise PluginError(f"A catalog is invalid: {error}") from None
    if problems:
        raise PluginError("\n".join(["A catalog does not match the English one:", *problems]))
    language = build_language(config)
    if language not in languages():
        raise PluginError(
            f"theme.language is '{language}', which has no catalog: add"
            f" quiz/catalog/{language}/ (see maintainers/translations.md)"
        )
    config.extra["page_messages"] = page_messages(language)
    # The words the theme's templates write (overrides/404.html, the link-preview tags).
    config.extra["template_text"] = messages("template.", language)
