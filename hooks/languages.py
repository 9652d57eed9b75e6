"""MkDocs hook: the site's languages: Material's switcher, and where each language's files go.

The i18n plugin (``mkdocs.yml``) builds each language: English at the site's root, French under
``fr/``. Material shows a language switcher when ``extra.alternate`` lists the languages; the
plugin could fill it with links to the same page in each language, but not together with
Material's instant navigation, so this hook lists each language's home, at the path site.json
gives the site (a copy served elsewhere gets its own links, never the playbook's).

Before each language's build it also tells the templates and the other hooks which language is
being built and where its files go (``config.extra.language``: its code, and the prefix of its
pages, ``""`` or ``"fr/"``): the pages carry both in ``<meta name="ex-language">`` for the
browser code, which finds the language's pages and steps there. The 404 page is written once,
by the default language's build, at the root where hosts look for it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from quiz.build import build_context, build_language


def alternates(site_path: str, languages: list[Any]) -> list[dict[str, str]]:
    """``extra.alternate`` for the i18n plugin's ``languages``: the default one at the site's
    path, every other one under its code."""
    links = []
    for language in languages:
        code = str(language["locale"])
        path = site_path if language.get("default") else f"{site_path}{code}/"
        links.append({"name": str(language["name"]), "link": path, "lang": code})
    return links


NOT_FOUND = "404.html"


def _languages(config: MkDocsConfig) -> list[Any]:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return []
    return [language for language in plugin.config["languages"] if language["build"]]


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Say which language this build writes, and where its files go."""
    code = build_language(config)
    default = next((str(lang["locale"]) for lang in _languages(config) if lang["default"]), code)
    config.extra["language"] = {"code": code, "prefix": "" if code == default else f"{code}/"}
    templates = config.theme.static_templates
    if code == default:
        templates.add(NOT_FOUND)
    else:
        templates.discard(NOT_FOUND)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List the languages the site is built in, for Material's switcher."""
    languages = _languages(config)
    if languages:
        config.extra["alternate"] = alternates(build_context(config).site.path, languages)
    return config
