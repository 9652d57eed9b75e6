"""Where this checkout is and what the site is called: the repository's root, the path the site
is served under (from site.json's ``site_url``), the names the site keeps things under in a
reader's browser, and the names of the scorer's runtime files."""

from __future__ import annotations

from pathlib import Path

from quiz.build import site

ROOT = Path(__file__).resolve().parents[1]

#: Where the site is served: the path of site.json's site_url, as GitHub Pages serves it
#: (``/<repository>/`` for a project site, ``/`` at a custom domain's root).
SUB_PATH = site().path


def storage_key(name: str) -> str:
    """The key the site's scripts keep ``name`` under in the reader's browser: scoped by the
    site's path, as docs/javascripts/shared/site.mjs names it
    (``ex-maturity-playbook:answers:v1``)."""
    return SUB_PATH.strip("/").replace(":", "%3A") + ":" + name


#: The scorer's runtime files as the site serves them in ``pyodide/`` (hooks/pyodide_assets.py
#: writes them; the tests throttle, damage and block them by these names).
BINARY = "pyodide.asm.wasm.gz"
STDLIB = "python_stdlib.zip"

#: The Cache Storage cache that holds the site's scorer snapshot (site.mjs).
SNAPSHOT_CACHE = storage_key("scorer-snapshot")
