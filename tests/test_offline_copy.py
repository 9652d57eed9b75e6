"""The offline copy's manifest (hooks/offline.py), read from the built site: only the site's own
files, each with its hash, everything a reader needs offline, and the size the privacy note
and the progress page state."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from harness import load_hook
from quiz.web import page_messages

WORKER = "offline-worker.js"


def built_manifest(site_dir: Path) -> dict[str, Any]:
    """The manifest the build wrote in front of the offline worker."""
    code = (site_dir / WORKER).read_text(encoding="utf-8")
    found = re.search(r"^self\.EX_OFFLINE = (\{.*\});$", code, re.M)
    assert found, "no manifest in offline-worker.js"
    manifest: dict[str, Any] = json.loads(found.group(1))
    return manifest


def megabytes(site_dir: Path) -> int:
    total: int = sum(f["size"] for f in built_manifest(site_dir)["files"])
    return round(total / 1_000_000)


def test_the_offline_copy_lists_only_the_sites_own_files_each_with_its_hash(
    site_dir: Path,
) -> None:
    files = built_manifest(site_dir)["files"]
    for file in files:
        parts = urlsplit(file["url"])
        assert not parts.scheme, file
        assert not parts.netloc, file
        assert not file["url"].startswith("/"), file
        assert ".." not in file["url"].split("/"), file
        path = site_dir / file["url"]
        if file["url"].endswith("/"):
            path = path / "index.html"
        body = path.read_bytes()
        if file["url"] == "sitemap.xml":  # a host may rewrite its addresses (the tests' does)
            assert "integrity" not in file
            continue
        assert file["size"] == len(body), file["url"]
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        assert file["integrity"] == f"sha256-{digest}", file["url"]


def test_the_offline_copy_holds_every_page_and_the_whole_scorer(site_dir: Path) -> None:
    urls = {file["url"] for file in built_manifest(site_dir)["files"]}
    pages = {
        str(page.parent.relative_to(site_dir)).replace("\\", "/") + "/"
        for page in site_dir.rglob("index.html")
    }
    assert {("./" if page == "./" else page) for page in pages} <= urls
    scorer = {f"pyodide/{path.name}" for path in (site_dir / "pyodide").iterdir()}
    assert scorer <= urls
    scripts = {
        path.relative_to(site_dir).as_posix() for path in (site_dir / "javascripts").rglob("*.mjs")
    }
    assert "javascripts/scorer/quiz-worker.mjs" in scripts
    assert scripts <= urls
    assert "search/search_index.json" in urls
    assert "sitemap.xml" in urls  # Material's instant navigation reads it
    assert not [url for url in urls if url.endswith(".map") or "/lunr/" in url]
    assert WORKER not in urls
    assert not (site_dir / "javascripts" / "offline" / "offline-worker.mjs").exists()


def test_a_changed_file_changes_the_version_so_a_deployment_replaces_the_copy(
    site_dir: Path, tmp_path: Path
) -> None:
    offline = load_hook("offline")
    assert offline.manifest(site_dir)["version"] == built_manifest(site_dir)["version"]
    copy = tmp_path / "site"
    copy.mkdir()
    (copy / "page.html").write_text("one", encoding="utf-8")
    first = offline.manifest(copy)
    (copy / "page.html").write_text("two", encoding="utf-8")
    assert offline.manifest(copy)["version"] != first["version"]


def test_the_privacy_note_and_the_progress_page_state_the_copys_size(site_dir: Path) -> None:
    size = megabytes(site_dir)
    note = (site_dir / "assessment" / "index.html").read_text(encoding="utf-8")
    assert f"offline copy of the\nplaybook's pages and scorer (about {size} MB)" in note or (
        f"playbook's pages and scorer (about {size} MB)" in " ".join(note.split())
    )
    assert f"(about {size} MB)" in page_messages()["kept_offline"]
