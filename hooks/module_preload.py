"""MkDocs hook: the browser modules the assessment page preloads, read from the code itself.

The assessment page's form needs ``assessment/page.mjs`` and everything it imports. Listing
them by hand went stale as soon as a module was split, and each missing one cost the page a
round trip before the scorer could start. This hook follows the static ``import … from
"./x.mjs"`` and ``import "../folder/x.mjs"`` statements from ``assessment/page.mjs`` and hands
the closure to the template as ``config.extra.preload_modules`` (paths relative to
``docs/javascripts/``, such as ``shared/dom.mjs``, in a stable order).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ENTRY = "assessment/page.mjs"
# `import … from "./x.mjs"`, `export … from "../f/x.mjs"` and `import "./x.mjs"`.
IMPORT = re.compile(
    r'^\s*(?:(?:import|export)\b[^;]*?\bfrom\s+|import\s+)"(\.\.?/[\w./-]+\.mjs)"', re.M
)


def imports(folder: Path, name: str) -> list[str]:
    """The modules ``name`` imports statically, as paths relative to ``folder`` like ``name``."""
    source = folder / name
    if not source.is_file():
        raise PluginError(f"{source}: imported by the assessment's modules but missing")
    here = posixpath.dirname(name)
    return [
        posixpath.normpath(posixpath.join(here, specifier))
        for specifier in IMPORT.findall(source.read_text(encoding="utf-8"))
    ]


def module_closure(folder: Path, entry: str) -> list[str]:
    """``entry`` and every module it imports, directly or not, from ``folder`` (paths relative
    to ``folder``)."""
    seen: list[str] = []
    todo = [entry]
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        todo += imports(folder, name)
        seen.append(name)
    return seen


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Put the modules the assessment page preloads into ``config.extra``."""
    folder = Path(config.docs_dir) / "javascripts"
    config.extra["preload_modules"] = module_closure(folder, ENTRY)
    return config
