"""MkDocs hook: the site's offline copy, a service worker with the build's manifest.

After the build (this hook runs after every other, so the scorer's files, the search index and
the steps index are in place) it writes ``offline-worker.js`` at the site's root: the
manifest, then the worker's code (``docs/javascripts/offline/offline-worker.mjs``, whose copy
in ``javascripts/offline/`` is removed, so the worker is only ever registered from the root,
where its scope covers the whole site).

The manifest lists every file a reader needs offline, each with its size and SHA-256
(subresource integrity: the worker's install refuses a file that does not match), and a
version made from them all. A new deployment changes the version, so the browser installs the
new worker, which replaces the old copy as a whole. Left out: source maps, Material's search
languages other than English (``lunr/``), the social card image (only other sites fetch it),
the compressed sitemap and the 404 page. ``sitemap.xml`` is listed without a hash: a host may
rewrite its addresses (the tests' server does), and Material's instant navigation reads it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

WORKER = "offline-worker.js"
SOURCE = "javascripts/offline/offline-worker.mjs"
LEFT_OUT_SUFFIXES = (".map",)
LEFT_OUT_FOLDERS = ("assets/javascripts/lunr/",)
LEFT_OUT_FILES = ("404.html", "assets/social-card.png", "sitemap.xml.gz", WORKER, SOURCE)
UNHASHED = ("sitemap.xml",)


def _address(relative: str) -> str:
    """A file's address in the manifest, relative to the site's root: a page by its folder."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def offline_files(site_dir: Path) -> list[dict[str, Any]]:
    """The files of the built site that the offline copy keeps, in a stable order."""
    files = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if (
            not path.is_file()
            or relative.endswith(LEFT_OUT_SUFFIXES)
            or relative.startswith(LEFT_OUT_FOLDERS)
            or relative in LEFT_OUT_FILES
        ):
            continue
        body = path.read_bytes()
        entry: dict[str, Any] = {"url": _address(relative), "size": len(body)}
        if relative not in UNHASHED:
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


def on_post_build(*, config: MkDocsConfig) -> None:
    """The offline worker, with the manifest of what was just built."""
    write_offline_worker(Path(config.site_dir))
