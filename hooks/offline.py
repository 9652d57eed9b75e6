"""MkDocs hook: the site's offline copy, a service worker with the build's manifest.

After the build it writes ``offline-worker.js`` at the site's root: the manifest, then the
worker's code (``docs/javascripts/offline/offline-worker.mjs``, whose copy in
``javascripts/offline/`` is removed, so the worker is only ever registered from the root, where
its scope covers the whole site). It runs last of all, once: after the i18n plugin has built
every language (each language's build runs this hook too, and it does nothing there) and after
``hooks/languages.py`` has written each language's search index and sitemap, so the copy holds
the finished site, every language of it (the language switcher works offline too).

The manifest lists every file a reader needs offline, each with its size and SHA-256
(subresource integrity: the worker's install refuses a file that does not match), and a
version made from them all. A new deployment changes the version, so the browser installs the
new worker, which replaces the old copy as a whole. Left out: source maps, Material's search
languages that no search index of the site asks for (``lunr/``: kept are the ones Material's
search worker loads for each index's ``lang``), the social card image (only other sites fetch
it), compressed sitemaps and the 404 page. A ``sitemap.xml`` (the site's, and each language's)
is listed without a hash: a host may rewrite its addresses (the tests' server does), and
Material's instant navigation reads it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

WORKER = "offline-worker.js"
SOURCE = "javascripts/offline/offline-worker.mjs"
LEFT_OUT_SUFFIXES = (".map", "sitemap.xml.gz")
LUNR = "assets/javascripts/lunr/"
LEFT_OUT_FILES = ("404.html", WORKER, SOURCE)
LEFT_OUT_NAMES = ("social-card.png",)  # each language's link-preview card, read by other sites
UNHASHED = "sitemap.xml"  # by name, in any folder
SEARCH_INDEX = "search_index.json"


def _address(relative: str) -> str:
    """A file's address in the manifest, relative to the site's root: a page by its folder."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def search_languages(site_dir: Path) -> set[str]:
    """The files of ``lunr/`` that Material's search worker loads for the site's search
    indexes (one per language): its stemmer for each language of an index but English, and
    the support they share, as the worker chooses them from the index's ``lang``."""
    needed: set[str] = set()
    for index in site_dir.rglob(SEARCH_INDEX):
        if index.parent.name != "search":
            continue
        langs = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
        files = [f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"]
        files += ["tinyseg.js" for lang in langs if lang == "ja"]
        files += ["wordcut.js" for lang in langs if lang in {"hi", "th"}]
        files += ["min/lunr.multi.min.js"] if len(langs) > 1 else []
        needed |= {*files, "min/lunr.stemmer.support.min.js"} if files else set()
    return {LUNR + name for name in needed}


def offline_files(site_dir: Path) -> list[dict[str, Any]]:
    """The files of the built site that the offline copy keeps, in a stable order."""
    searched = search_languages(site_dir)
    files = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if (
            not path.is_file()
            or relative.endswith(LEFT_OUT_SUFFIXES)
            or (relative.startswith(LUNR) and relative not in searched)
            or relative in LEFT_OUT_FILES
            or path.name in LEFT_OUT_NAMES
        ):
            continue
        body = path.read_bytes()
        entry: dict[str, Any] = {"url": _address(relative), "size": len(body)}
        if path.name != UNHASHED:
            digest = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
            entry["integrity"] = f"sha256-{digest}"
        files.append(entry)
    return files


def manifest(site_dir: Path) -> dict[str, Any]:
    """The offline copy's manifest: its version and files."""
    files = offline_files(site_dir)
    # Made of each file's address and hash: what the host rewrites (the sitemap) does not count.
    made_of = [[file["url"], file.get("integrity", "")] for file in files]
    version = hashlib.sha256(json.dumps(made_of).encode("utf-8")).hexdigest()
    return {"version": version[:16], "files": files}


def write_offline_worker(site_dir: Path) -> dict[str, Any]:
    """Write ``offline-worker.js`` into the built site and return its manifest."""
    source = site_dir / SOURCE
    if not source.is_file():
        raise PluginError(f"{SOURCE} is missing from the built site")
    code = source.read_text(encoding="utf-8")
    source.unlink()
    built = manifest(site_dir)
    header = (
        "// The site's offline copy (hooks/offline.py): the build's manifest, then the worker.\n"
        f"self.EX_OFFLINE = {json.dumps(built, separators=(',', ':'))};\n"
    )
    (site_dir / WORKER).write_text(header + code, encoding="utf-8")
    return built


@event_priority(-120)  # after every language is built and split (hooks/languages.py, -110)
def on_post_build(*, config: MkDocsConfig) -> None:
    """The offline worker, with the manifest of the finished site: not in the i18n plugin's
    build of each other language, which runs inside the default language's."""
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return
    write_offline_worker(Path(config.site_dir))
