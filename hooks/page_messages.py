"""MkDocs hook: the sentences the pages show without asking the scorer, from ``quiz.web``.

Python writes every sentence a reader sees. Most come from the scorer, but a few are needed
where it cannot answer: before it has started, or about what happens around it (a result page
that did not arrive, answers changed in another tab, a damaged download). They live in
:data:`quiz.web.PAGE_MESSAGES`; this hook hands them to the template (``overrides/main.html``),
which writes them into every page as a JSON data block (``<script type="application/json"
id="ex-messages">``, which runs nothing and which the Content Security Policy leaves alone).
``docs/javascripts/shared/messages.mjs`` reads them there.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from quiz.web import PAGE_MESSAGES


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Put the pages' sentences into ``config.extra``."""
    config.extra["page_messages"] = dict(PAGE_MESSAGES)
    return config
