"""The site's identity, read from the one place that sets it: ``site.json``.

``site.json`` at the top of the repository holds the site's name (``site_name``), its address
(``site_url``: the base URL, whose path is where the site is served), its repository
(``repo_url``), and under ``extra`` the result-code namespace (``code_namespace``) and the question
bank (``bank``, a path from the top of the repository). ``mkdocs.yml`` inherits it (``INHERIT``),
so MkDocs, the hooks and the macros read the same values; the tests' sub-path, the address
``make serve`` prints, the storage keys in the reader's browser and the code's checksum all
derive from it. A copy of the playbook changes this file (see maintainers/host-your-own-copy.md).

The wheel the browser loads carries a copy of it (``quiz/site.json``, written by
hooks/pyodide_assets.py, with the bank packaged as ``quiz/bank.toml``); a clone reads the
project's own. Standard library only, and nothing is read until it is first needed.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import BankError

__all__ = ["DEFAULT_BANK", "SETTINGS", "Site", "forget_site", "project_root", "site"]

#: The file that holds the identity, at the top of the repository (and inside the wheel).
SETTINGS = "site.json"
#: The bank a site uses unless ``extra.bank`` names another file: the one inside the package.
DEFAULT_BANK = "quiz/bank.toml"
#: A namespace is short, lower-case words joined by hyphens (it salts every result code).
_NAMESPACE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-.")


@dataclass(frozen=True)
class Site:
    """The values ``site.json`` sets."""

    name: str
    url: str
    repository: str
    code_namespace: str
    bank: str

    @property
    def path(self) -> str:
        """The path the site is served under, with both slashes: ``/ex-maturity-playbook/``,
        or ``/`` at the root of a domain."""
        after_scheme = self.url.split("://", 1)[-1]
        path = "/" + after_scheme.split("/", 1)[1] if "/" in after_scheme else "/"
        path = path.split("?", 1)[0].split("#", 1)[0]
        return path if path.endswith("/") else path + "/"


def project_root() -> Path:
    """The top of the repository this package sits in (a clone, not the wheel)."""
    return Path(__file__).absolute().parents[1]


def _settings_file() -> Path:
    packaged = Path(__file__).absolute().with_name(SETTINGS)
    return packaged if packaged.is_file() else project_root() / SETTINGS


def _text(data: dict[str, object], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BankError(f"{SETTINGS}: field '{where}' must be a non-empty text")
    return value.strip()


@functools.cache
def site() -> Site:
    """The site's identity (read once; :func:`forget_site` reads the file again)."""
    source = _settings_file()
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BankError(f"{SETTINGS}: cannot read the file ({exc.strerror})") from None
    except ValueError as exc:
        raise BankError(f"{SETTINGS}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BankError(f"{SETTINGS}: must hold one object {{...}}")
    extra = data.get("extra")
    if not isinstance(extra, dict):
        raise BankError(f"{SETTINGS}: field 'extra' must hold code_namespace and bank")
    namespace = _text(extra, "code_namespace", "extra.code_namespace")
    if not set(namespace) <= _NAMESPACE_CHARS:
        raise BankError(
            f"{SETTINGS}: field 'extra.code_namespace': {namespace!r} may hold only lower-case"
            " letters, digits, '-' and '.'"
        )
    url = _text(data, "site_url", "site_url")
    if not url.startswith(("https://", "http://")):
        raise BankError(f"{SETTINGS}: field 'site_url': {url!r} must start with https://")
    return Site(
        name=_text(data, "site_name", "site_name"),
        url=url if url.endswith("/") else url + "/",
        repository=_text(data, "repo_url", "repo_url").rstrip("/"),
        code_namespace=namespace,
        bank=str(extra.get("bank") or DEFAULT_BANK),
    )


def forget_site() -> None:
    """Read ``site.json`` again next time (each build does, as it does the bank)."""
    site.cache_clear()
