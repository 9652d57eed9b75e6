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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import BankError

__all__ = [
    "DEFAULT_BANK",
    "SCHEMA",
    "SETTINGS",
    "Setting",
    "Site",
    "forget_site",
    "project_root",
    "site",
]

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


#: The ``quiz`` package's own folder (where the wheel keeps its copy of the settings and bank).
PACKAGE_DIR = Path(__file__).absolute().parents[1]


def project_root() -> Path:
    """The top of the repository this package sits in (a clone, not the wheel)."""
    return PACKAGE_DIR.parent


def _settings_file() -> Path:
    packaged = PACKAGE_DIR / SETTINGS
    return packaged if packaged.is_file() else project_root() / SETTINGS


@dataclass(frozen=True)
class Setting:
    """One value of ``site.json``: where it is, what it is for, and how it is checked."""

    key: str  # its place in site.json: "site_url", or "extra.bank" for a key under "extra"
    attribute: str  # the Site field it fills
    meaning: str
    default: str | None = None  # None: the value is required
    check: Callable[[str], str | None] = lambda value: None  # a problem, or None


def _namespace_problem(value: str) -> str | None:
    if set(value) <= _NAMESPACE_CHARS:
        return None
    return f"{value!r} may hold only lower-case letters, digits, '-' and '.'"


def _url_problem(value: str) -> str | None:
    return (
        None if value.startswith(("https://", "http://")) else f"{value!r} must start with https://"
    )


#: The schema of ``site.json``: every value the site reads from it, in one place (the build
#: context, :mod:`quiz.build`, hands the result to every hook and macro).
SCHEMA: tuple[Setting, ...] = (
    Setting("site_name", "name", "the site's name, in its header and title"),
    Setting("site_url", "url", "the address it is served at; its path is the site's path",
            check=_url_problem),
    Setting("repo_url", "repository", "the repository the site is built from"),
    Setting("extra.code_namespace", "code_namespace",
            "the result codes' namespace: a copy that asks its own questions sets its own",
            check=_namespace_problem),
    Setting("extra.bank", "bank", "the question bank, a path from the top of the repository",
            default=DEFAULT_BANK),
)  # fmt: skip


def _value(data: dict[str, object], setting: Setting) -> str:
    *parents, name = setting.key.split(".")
    table: object = data
    for parent in parents:
        table = data.get(parent)
        if not isinstance(table, dict):
            raise BankError(f"{SETTINGS}: field '{parent}' must hold code_namespace and bank")
    assert isinstance(table, dict)
    value = table.get(name)
    if setting.default is not None and not value:
        return setting.default
    if not isinstance(value, str) or not value.strip():
        raise BankError(f"{SETTINGS}: field '{setting.key}' must be a non-empty text")
    problem = setting.check(value.strip())
    if problem is not None:
        raise BankError(f"{SETTINGS}: field '{setting.key}': {problem}")
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
    values = {setting.attribute: _value(data, setting) for setting in SCHEMA}
    url, repository = values["url"], values["repository"]
    values["url"] = url if url.endswith("/") else url + "/"
    values["repository"] = repository.rstrip("/")
    return Site(**values)


def forget_site() -> None:
    """Read ``site.json`` again next time (each build does, as it does the bank)."""
    site.cache_clear()
