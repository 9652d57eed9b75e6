"""The offline copy's manifest (hooks/offline.py), read from the built site: only the site's own
files, each with its hash, everything a reader needs offline in every language the site is
built in, and the size the privacy note and the progress page state, in each language."""

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
from tests.test_languages_build import site_languages

WORKER = "offline-worker.js"


def built_manifest(site_dir: Path) -> dict[str, Any]:
    """The manifest the build wrote in front of the offline worker."""
    code = (site_dir / WORKER).read_text(encoding="utf-8")
    found = re.search(r"^self\.EX_OFFLINE = (\{.*\});$", code, re.M)
    assert found, "no manifest in offline-worker.js"
    manifest: dict[str, Any] = json.loads(found.group(1))
    return manifest


def megabytes(site_dir: Path) -> int:
    """The copy's size, from the files the manifest lists, each checked against the built
    file (the first test), in whole megabytes."""
    total: int = sum(f["size"] for f in built_manifest(site_dir)["files"])
    return round(total / 1_000_000)


def search_stemmers(site_dir: Path) -> set[str]:
    """The files of Material's ``lunr/`` its search worker loads for the site's search
    indexes (each index's ``lang``: a stemmer for each language but English, the support
    they share, and the one that mixes languages when an index has several)."""
    needed = set()
    for index in site_dir.rglob("search/search_index.json"):
        langs = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
        needed |= {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
        needed |= {"min/lunr.multi.min.js"} if len(langs) > 1 else set()
    needed |= {"min/lunr.stemmer.support.min.js"} if needed else set()
    return {f"assets/javascripts/lunr/{name}" for name in needed}


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
        if path.name == "sitemap.xml":  # a host may rewrite its addresses (the tests' does)
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
    for prefix in site_languages().values():  # each language's search and sitemap
        assert f"{prefix}search/search_index.json" in urls
        assert f"{prefix}sitemap.xml" in urls  # Material's instant navigation reads it
    assert {url for url in urls if "/lunr/" in url} == search_stemmers(site_dir)
    assert not [url for url in urls if url.endswith((".map", "sitemap.xml.gz"))]
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


#: How the privacy note on the assessment page, and the progress page's message, state the
#: copy's size in each language (the note's other size, the scorer's snapshot, is followed by
#: a comma).
SIZE_STATEMENTS = {
    "en": ("playbook's pages and scorer (about {size} MB)", "(about {size} MB)"),
    "fr": ("(environ {size} Mo)", "(environ {size} Mo)"),
}


def test_the_privacy_note_and_the_progress_page_state_the_copys_size(site_dir: Path) -> None:
    size = megabytes(site_dir)
    assert set(SIZE_STATEMENTS) == set(site_languages())
    for code, prefix in site_languages().items():
        note, message = (text.format(size=size) for text in SIZE_STATEMENTS[code])
        page = (site_dir / prefix / "assessment" / "index.html").read_text(encoding="utf-8")
        assert note in " ".join(page.split()), code
        assert message in page_messages(code)["kept_offline"], code
