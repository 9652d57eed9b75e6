"""The assessment page preloads its modules, a list the build reads from their imports."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from harness import load_hook

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "docs" / "javascripts"


_hook = load_hook("module_preload")
module_closure: Callable[[Path, str], list[str]] = _hook.module_closure
imports: Callable[[Path, str], list[str]] = _hook.imports


def test_the_assessment_page_preloads_every_module_the_form_and_panel_import(
    site_dir: Path,
) -> None:
    html = (site_dir / "assessment" / "index.html").read_text(encoding="utf-8")
    preloaded = re.findall(r'<link rel="modulepreload" href="\.\./javascripts/([\w./-]+)">', html)
    closure = module_closure(JS, "assessment/page.mjs")
    assert sorted(preloaded) == sorted(closure)
    for needed in ("page", "form", "panel", "panel-extras"):
        assert f"assessment/{needed}.mjs" in closure
    assert "scorer/scorer.mjs" in closure
    assert "shared/dom.mjs" in closure


def test_pages_without_the_form_preload_nothing(site_dir: Path) -> None:
    html = (site_dir / "levels" / "level-3" / "index.html").read_text(encoding="utf-8")
    assert "modulepreload" not in html


def test_the_closure_follows_multi_line_imports_and_names_a_missing_module(tmp_path: Path) -> None:
    (tmp_path / "entry.mjs").write_text(
        'import { a,\n  b } from "./one.mjs";\nexport { c } from "./two.mjs";\n'
        'import "./three.mjs";\n/** @typedef {import("./types.mjs").T} T */\n',
        encoding="utf-8",
    )
    (tmp_path / "one.mjs").write_text('import { d } from "./two.mjs";\n', encoding="utf-8")
    (tmp_path / "two.mjs").write_text("export const c = 1;\n", encoding="utf-8")
    (tmp_path / "three.mjs").write_text("globalThis.x = 1;\n", encoding="utf-8")
    assert module_closure(tmp_path, "entry.mjs") == ["entry.mjs", "one.mjs", "two.mjs", "three.mjs"]
    # Across folders: a path relative to the module that imports it, named from the top folder.
    (tmp_path / "feature").mkdir()
    (tmp_path / "feature" / "page.mjs").write_text(
        'import { c } from "../two.mjs";\nimport { e } from "./part.mjs";\n', encoding="utf-8"
    )
    (tmp_path / "feature" / "part.mjs").write_text('import "../three.mjs";\n', encoding="utf-8")
    assert module_closure(tmp_path, "feature/page.mjs") == [
        "feature/page.mjs",
        "two.mjs",
        "feature/part.mjs",
        "three.mjs",
    ]
    (tmp_path / "two.mjs").unlink()
    with pytest.raises(PluginError, match=r"two\.mjs: imported by the assessment's modules"):
        module_closure(tmp_path, "entry.mjs")


def test_the_scorer_worker_names_every_module_it_needs_so_they_download_at_once() -> None:
    # A worker cannot preload: it fetches the modules its script names, then the ones those
    # name. Naming them all in quiz-worker.mjs takes one round trip before the downloads start.
    worker = "scorer/quiz-worker.mjs"
    needed = set(module_closure(JS, worker)) - {worker}
    named = set(imports(JS, worker))
    assert needed
    assert needed <= named, f"imported only indirectly: {sorted(needed - named)}"
