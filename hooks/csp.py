"""MkDocs hook: a strict Content Security Policy in every built page.

GitHub Pages cannot send headers, so the policy is a ``<meta http-equiv>`` element, placed first
in ``<head>`` so that it covers every script and stylesheet after it. It is computed from each
page's final HTML (this hook runs after the others):

* scripts come from the site itself; the few inline scripts Material writes into every page are
  allowed by their SHA-256 hashes, taken from the page as built, so they cannot go stale;
* ``'wasm-unsafe-eval'`` only on the pages that run the scorer (Pyodide): the assessment page
  and the level pages, which show a result link's result;
* styles only from the site's own stylesheets: a ``style`` attribute or ``<style>`` element in a
  built page fails the build;
* every other fetch (connect, workers, images, fonts) stays on the site; ``data:`` images
  are Material's icons in its stylesheets.

What a ``<meta>`` policy cannot do (``frame-ancestors``, reporting, policies for workers) is
in the maintainers' guide (maintainers/how-it-works.md).
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
STYLE_ELEMENT = re.compile(r"<style[\s>]")
HEAD = re.compile(r"<head>\s*(<meta charset=[^>]*>\s*)?")
DATA_BLOCK = re.compile(r'type="application/(?:json|ld\+json)"')


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for the page's inline scripts (data blocks are not scripts)."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or DATA_BLOCK.search(attrs):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str, *, runs_python: bool) -> str:
    """The policy for one page."""
    scripts = ["'self'", *script_hashes(html)]
    if runs_python:
        scripts.append("'wasm-unsafe-eval'")
    directives = [
        "default-src 'none'",
        f"script-src {' '.join(scripts)}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


def add_policy(html: str, *, runs_python: bool, where: str) -> str:
    """``html`` with its policy as the first element of ``<head>``."""
    inline_style = STYLE_ATTRIBUTE.search(html) or STYLE_ELEMENT.search(html)
    if inline_style:
        found = inline_style.group(0)[:80]
        raise PluginError(f"{where}: inline style ({found!r}); use a class instead")
    head = HEAD.search(html)
    if not head:
        raise PluginError(f"{where}: no <head>")
    content = policy(html, runs_python=runs_python)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return html[: head.end()] + meta + "\n" + html[head.end() :]


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Every page's policy."""
    runs_python = bool(page.meta.get("assessment") or page.meta.get("level"))
    return add_policy(output, runs_python=runs_python, where=page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page's policy (other templates, such as the sitemap, are not HTML)."""
    if not template_name.endswith(".html"):
        return output_content
    return add_policy(output_content, runs_python=False, where=template_name)
