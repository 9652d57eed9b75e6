"""The build context: what every hook and macro of one build reads, loaded once.

``site.json`` (its schema is :data:`quiz._bank.settings.SCHEMA`), the question bank it names,
the frozen banks that older result links are read with, and the example organisations of the
"How scoring works" page. :func:`build_context` reads them afresh for each new MkDocs
configuration (each build, and each live reload of ``make serve``) and hands every caller of
that build the same object, so an edited ``bank.toml`` shows at once and is read once.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._bank.loader import forget_cached_banks, load_bank
from .._bank.model import Bank
from .._bank.settings import DEFAULT_BANK, Site, project_root, site
from .._results.legacy import FROZEN_VERSIONS
from .._text import REFERENCE
from ._calibration import (
    VALIDATION,
    Organisation,
    Persona,
    load_organisations,
    load_personas,
    validation_history,
)

__all__ = ["PERSONAS", "BuildContext", "build_context", "build_language"]

#: The regression personas, relative to the project root ("How scoring works" renders them).
PERSONAS = "validation/personas.toml"


@dataclass(frozen=True)
class BuildContext:
    """One build's settings and banks. Reading them raised :class:`~quiz.errors.BankError`
    with the file, item and field if anything was wrong, before any hook ran on a page."""

    site: Site
    bank: Bank
    #: The frozen banks that older result links are read with, oldest first.
    frozen_banks: tuple[Bank, ...]
    root: Path
    #: The language the build writes its pages in (its bank's text is in it).
    language: str = "en"

    @property
    def banks(self) -> tuple[Bank, ...]:
        """The current bank, then the frozen ones."""
        return (self.bank, *self.frozen_banks)

    @property
    def bank_file(self) -> Path:
        """The file the site's bank is read from."""
        return self.root / self.site.bank

    @property
    def packaged_bank(self) -> bool:
        """Whether the site uses the bank inside the package (a copy may name its own)."""
        return self.site.bank == DEFAULT_BANK

    @functools.cached_property
    def personas(self) -> tuple[Persona, ...]:
        """The regression personas (none if a copy removed their file)."""
        path = self.root / PERSONAS
        return load_personas(path, self.bank) if path.is_file() else ()

    @functools.cached_property
    def organisations(self) -> tuple[Organisation, ...]:
        """The validation set (none if a copy removed its file)."""
        path = self.root / VALIDATION
        return load_organisations(path, self.bank) if path.is_file() else ()

    @functools.cached_property
    def validation_history(self) -> str:
        """The validation set's own account of its runs ("" without the file)."""
        path = self.root / VALIDATION
        return validation_history(path) if path.is_file() else ""


_current: list[tuple[object, bytes, BuildContext]] = []


def _fingerprint(root: Path) -> bytes:
    """What the context is read from, as it is now: site.json, the bank it names, the
    packaged and frozen banks and the example organisations."""
    settings = root / "site.json"
    try:
        named = json.loads(settings.read_text(encoding="utf-8"))["extra"]["bank"]
    except (OSError, ValueError, KeyError, TypeError):
        named = DEFAULT_BANK  # site() says what is wrong with the file when it is read
    paths = [settings, root / str(named), *sorted((root / "quiz").glob("*.toml"))]
    digest = hashlib.sha256()
    for path in [*paths, root / PERSONAS, root / VALIDATION]:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.digest()


def build_language(build: object) -> str:
    """The language a build writes its pages in: the one the i18n plugin is building (it
    builds each language in turn with the same configuration, and sets the theme's language
    only after the other plugins have read it), else the theme's (``theme.language``), and
    English for anything that is not an MkDocs configuration."""
    plugins: Any = getattr(build, "plugins", None)
    i18n = plugins.get("i18n") if hasattr(plugins, "get") else None
    language = getattr(i18n, "current_language", None)
    if not language:
        theme: Any = getattr(build, "theme", None)
        language = theme.get("language") if hasattr(theme, "get") else None
    return str(language) if language else REFERENCE


def build_context(build: object) -> BuildContext:
    """The context of ``build`` (the MkDocs configuration object of this build): read from the
    files the first time this build asks, then the same object. A new build whose files are
    unchanged, in the same language, gets the same context (and the same bank objects); after
    an edit (a live reload of ``make serve``) everything is read afresh. The bank's text is in
    the build's language (:func:`build_language`). Raises ``BankError``."""
    language = build_language(build)
    if _current and _current[0][0] is build and _current[0][2].language == language:
        return _current[0][2]
    root = project_root()
    fingerprint = _fingerprint(root) + language.encode()
    if _current:
        if _current[0][1] == fingerprint:
            _current[:] = [(build, fingerprint, _current[0][2])]
            return _current[0][2]
        if _current[0][1][:32] != fingerprint[:32]:  # a file changed, not only the language
            forget_cached_banks()
    context = BuildContext(
        site=site(),
        bank=load_bank(lang=language),
        frozen_banks=tuple(
            load_bank(version=version, lang=language) for version in FROZEN_VERSIONS
        ),
        root=root,
        language=language,
    )
    _current[:] = [(build, fingerprint, context)]
    return context
