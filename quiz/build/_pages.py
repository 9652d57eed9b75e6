"""Pages in several languages: a page's source file in another language is the English one's
with the language before the extension (``levels/level-1.fr.md``, the i18n plugin's suffix
structure). The bank links to the English names; hooks find a translated page by them."""

from __future__ import annotations

from .._text import languages

__all__ = ["page_language", "source_page"]


def _split(src_uri: str) -> tuple[str, str | None]:
    stem, dot, extension = src_uri.rpartition(".")
    base, _, language = stem.rpartition(".")
    if dot and base and language in languages()[1:]:
        return f"{base}.{extension}", language
    return src_uri, None


def source_page(src_uri: str) -> str:
    """The page a source file is, in any language: ``levels/level-1.fr.md`` ->
    ``levels/level-1.md`` (the name the bank and the navigation use)."""
    return _split(src_uri)[0]


def page_language(src_uri: str) -> str | None:
    """The language a source file is written in when it is a translation (``fr``), else None."""
    return _split(src_uri)[1]
