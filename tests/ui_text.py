"""The English words a browser test looks for, read from the catalogs by key.

Browser tests find controls by role plus catalog key (or by a stable ``data-`` hook), not
by English text: ``ui("build.form.submit")`` is the form's button whatever its wording
becomes. Every key of ``quiz/catalog/en/`` and ``quiz/build/catalog/en/`` is known here, as
the full key with its prefix (``page.history_delete``, ``template.…``, ``site.…``).
"""

from __future__ import annotations

import functools
from typing import Any

from quiz.build import in_language, plural
from tests.french_support import BUILD_CATALOGS, CATALOGS, catalog_messages

#: The language the browser tests read the site in.
ENGLISH = "en"
#: A mark's value that :func:`ui_upto` cuts the message at.
CUT = "\0"
#: The catalog file that describes the language and holds no message.
HEAD = "language.toml"


@functools.cache
def _english() -> dict[str, Any]:
    """Every message of both English catalog trees, by full key."""
    found: dict[str, Any] = {}
    for folder in (CATALOGS, BUILD_CATALOGS):
        for path in sorted((folder / ENGLISH).glob("*.toml")):
            if path.name != HEAD:
                found.update(catalog_messages(ENGLISH, path.stem, folder))
    return found


def _message(key: str) -> Any:
    """The English message of ``key``: a text, or a list of plural forms."""
    try:
        return _english()[key]
    except KeyError:
        where = "quiz/catalog/en/ or quiz/build/catalog/en/"
        raise KeyError(f"no message '{key}' in {where}") from None


def ui(key: str, /, **marks: object) -> str:
    """The English message of the full catalog ``key``, its ``{mark}`` filled from ``marks``.

    A message with plural forms takes the form that the ``count`` mark asks for, as the
    scorer picks it. Raises :class:`KeyError` naming ``key`` when no English catalog has it."""
    message = _message(key)
    if isinstance(message, str):
        return message.format(**marks)
    count = marks.pop("count", None)
    if not isinstance(count, int):
        raise TypeError(f"message '{key}' has plural forms: give it count=")
    with in_language(ENGLISH):
        return plural(key, count, **marks)


def ui_upto(key: str, /, **marks: object) -> str:
    """The English message ``key`` up to where a mark holds :data:`CUT`, spaces trimmed: the
    start of a text the page fills in, ``ui_upto("page.go_to_question", number=CUT)``."""
    return ui(key, **marks).partition(CUT)[0].strip()
