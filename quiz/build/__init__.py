"""Build-time only: what the site's build, its hooks and macros, and the command line use.

None of it ships to the browser: the wheel the assessment page downloads is the ``quiz``
package without this subpackage (``hooks/pyodide_assets.py`` leaves the folder out, and a test
checks that nothing in the wheel imports it). The hooks and macros read one
:class:`BuildContext` per build (:func:`build_context`): the settings of ``site.json``
(:data:`SETTINGS_SCHEMA`), the question bank, the frozen banks and the example organisations.
"""

from __future__ import annotations

from .._bank.settings import DEFAULT_BANK, SETTINGS, Site, site
from .._bank.settings import SCHEMA as SETTINGS_SCHEMA
from .._results.legacy import FROZEN_VERSIONS
from .._teams.sentences import team_rules
from .._text import catalog_problems, in_language, languages, plural, text
from .._text import group as messages
from ._calibration import (
    KINDS,
    Organisation,
    Persona,
    hit_rate,
    load_organisations,
    load_personas,
)
from ._cli import main
from ._context import BuildContext, build_context, build_language
from ._examples import (
    gate_miss_example_answers,
    not_enough_example_answers,
    worked_example_answers,
)
from ._explain import scoring_rules_markdown
from ._form import noscript_note, render_form
from ._markdown import count_words
from ._pages import page_language, source_page
from ._published import frozen_problems, load_published, parse_published, published_problems
from ._wheel import LANGUAGE_PACK, browser_side_of, pack_files, write_language_packs

__all__ = [
    "DEFAULT_BANK",
    "FROZEN_VERSIONS",
    "KINDS",
    "LANGUAGE_PACK",
    "SETTINGS",
    "SETTINGS_SCHEMA",
    "BuildContext",
    "Organisation",
    "Persona",
    "Site",
    "browser_side_of",
    "build_context",
    "build_language",
    "catalog_problems",
    "count_words",
    "frozen_problems",
    "gate_miss_example_answers",
    "hit_rate",
    "in_language",
    "languages",
    "load_organisations",
    "load_personas",
    "load_published",
    "main",
    "messages",
    "noscript_note",
    "not_enough_example_answers",
    "pack_files",
    "page_language",
    "parse_published",
    "plural",
    "published_problems",
    "render_form",
    "scoring_rules_markdown",
    "site",
    "source_page",
    "team_rules",
    "text",
    "worked_example_answers",
    "write_language_packs",
]
