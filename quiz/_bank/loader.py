"""Load and validate the question bank: the module the rest of the project imports.

:func:`load_bank` reads a TOML file (by default the ``bank.toml`` shipped inside the
package, read through :mod:`importlib.resources` so it also works from a wheel or
in the browser). :func:`parse_bank` validates already-parsed data.

Every mistake raises :class:`~quiz.errors.BankError` with a one-line message that
names the file, the item (question id, dimension id, level number...) and the
field, for example::

    quiz/bank.toml: question 'metrics-use' field 'options': missing statement for level 4

and, where it can, says how to fix it (the id you probably meant, the next unused number...).
A file that is not valid TOML gets a few lines instead: where (line, column, item, field), the
line itself with a mark under the column, and a plain-words fix for that kind of mistake.

The work is split by job, in the modules of this package: ``fields`` reads one field (the
typed readers and their messages), ``sections`` checks the levels, themes, areas and steps,
``questions`` the questions, retired numbers, scoring settings and code version;
``toml_errors`` (with ``toml_scan``) tells a TOML syntax error from its place in the file,
never from tomllib's wording.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from ..errors import BankError
from .fields import Where, known_keys
from .model import Bank
from .questions import read_code_version, read_questions, read_retired, read_scoring
from .sections import (
    check_gates,
    check_steps,
    read_catalogue,
    read_dimensions,
    read_levels,
    read_themes,
)

__all__ = ["PACKAGED_BANK", "load_bank", "load_packaged_bank", "parse_bank"]

# tomllib and importlib.resources are imported where a bank is read, not here: the bank is
# read on first use, and importing the two took about 35 ms of the scorer's start-up under
# Pyodide (their regular expressions compile in pure Python). The browser reads the bank just
# after the scorer says it is ready (quiz.web.warm_up).

#: Name used in messages about the bank that ships with the package.
PACKAGED_BANK = "quiz/bank.toml"

_PACKAGE = "quiz"  # the package whose folder holds the bank files
_TOP_KEYS = (
    "code_version", "retired", "levels", "themes", "steps", "dimensions", "questions", "scoring"
)  # fmt: skip


def load_bank(
    path: str | Path | None = None, *, version: int | None = None, lang: str | None = None
) -> Bank:
    """Load and validate a bank file; ``None`` means the site's bank (cached): the one
    ``site.json`` names in ``extra.bank``, by default the packaged ``quiz/bank.toml``.

    ``version`` asks instead for the bank that result codes of that version were made with:
    the site's bank for the current version, or a frozen earlier one (``quiz/bank_v1.toml``...);
    a version with no bank raises :class:`KeyError`.

    ``lang`` asks for the bank's text in another language, from its layer file
    (``quiz/bank.fr.toml``); ids, numbers and links are the same in every language. Without
    it, the bank comes in the language sentences are written in (:mod:`quiz._text`: English
    unless the browser's page or the command line asked for another)."""
    if version is not None:
        if path is not None:
            raise TypeError("load_bank takes a path or a version, not both")
        bank = load_packaged_bank(version)
    elif path is None:
        bank = _site_bank()
    else:
        source = str(path)
        bank = _parse_bytes(_read(Path(path), f"{source}: cannot read the file"), source)
    if lang is None:  # the language sentences are written in now (English unless set)
        from .._text import language

        lang = language()
    return bank if lang == bank.language else _in_language(bank, lang)


#: Banks in another language, by (bank source, language), with the bank they were made from.
_layered: dict[tuple[str, str], tuple[Bank, Bank]] = {}


def _in_language(bank: Bank, language: str) -> Bank:
    cached = _layered.get((bank.source, language))
    if cached is not None and cached[0] is bank:
        return cached[1]
    import tomllib

    from .layers import apply_layer, layer_path

    source = layer_path(bank.source, language)
    raw = _layer_bytes(source, language)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BankError(f"{source}: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        from .toml_errors import toml_error

        raise toml_error(exc, raw.decode("utf-8"), source) from None
    layered = apply_layer(bank, data, source, language)
    _layered[(bank.source, language)] = (bank, layered)
    return layered


def _layer_bytes(source: str, language: str) -> bytes:
    """The layer file ``source``: inside the package for a packaged bank, else beside the bank."""
    from importlib import resources

    from .settings import project_root

    packaged = resources.files(_PACKAGE).joinpath(source.removeprefix("quiz/"))
    if source.startswith("quiz/") and packaged.is_file():
        return packaged.read_bytes()
    path = Path(source) if Path(source).is_absolute() else project_root() / source
    if not path.is_file() and Path(source).is_file():
        path = Path(source)
    failure = f"{source}: cannot read the file: the bank has no '{language}' text without it"
    return _read(path, failure)


def _read(path: Path, failure: str) -> bytes:
    """The file's bytes, or BankError saying ``failure`` and the system's reason."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BankError(f"{failure} ({exc.strerror or type(exc).__name__})") from None


@functools.cache
def _packaged_bank(name: str = "bank.toml") -> Bank:
    from importlib import resources

    raw = resources.files(_PACKAGE).joinpath(name).read_bytes()
    return _parse_bytes(raw, f"quiz/{name}")


def _site_bank() -> Bank:
    """The bank ``site.json`` names (:mod:`quiz._bank.settings`): the packaged one unless it names
    another file, read from the top of the repository (or as an absolute path)."""
    from .settings import DEFAULT_BANK, project_root, site

    setting = site().bank
    if setting == DEFAULT_BANK:
        return _packaged_bank()
    return _bank_file(str(project_root() / setting), setting)


@functools.cache
def _bank_file(path: str, source: str) -> Bank:
    raw = _read(Path(path), f"site.json: field 'extra.bank': cannot read {source}")
    return _parse_bytes(raw, source)


def forget_cached_banks() -> None:
    """Read the site's settings and banks from their files again next time: the site's build
    calls this first, so a live reload (``make serve``) shows an edited ``bank.toml`` and its
    errors."""
    from .settings import forget_site

    forget_site()
    _packaged_bank.cache_clear()
    _bank_file.cache_clear()
    _layered.clear()


def load_packaged_bank(code_version: int) -> Bank:
    """The packaged bank for a result-code version: the current bank, or a frozen earlier one
    (``quiz/bank_v1.toml``...). Raises KeyError for a version with no bank."""
    current = _site_bank()
    if code_version == current.code_version:
        return current
    from importlib import resources

    name = f"bank_v{code_version}.toml"
    if not resources.files(_PACKAGE).joinpath(name).is_file():
        raise KeyError(code_version)
    bank = _packaged_bank(name)
    if bank.code_version != code_version:
        raise BankError(f"quiz/{name}: field 'code_version': expected {code_version}")
    return bank


def _parse_bytes(raw: bytes, source: str) -> Bank:
    import tomllib

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BankError(f"{source}: the file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .toml_errors import toml_error  # only a broken file needs it

        raise toml_error(exc, text, source) from None
    return parse_bank(data, source)


def parse_bank(data: Mapping[str, object], source: str) -> Bank:
    """Validate parsed TOML data and build a :class:`~quiz._bank.model.Bank`.

    ``source`` names the file in error messages.
    """
    top = Where(source, "")
    if not isinstance(data, Mapping):
        raise BankError(f"{source}: expected a table at the top of the file")
    known_keys(data, _TOP_KEYS, top)
    levels = read_levels(data, top)
    numbers = tuple(level.number for level in levels)
    themes = read_themes(data, top, numbers)
    by_number = {level.number: level for level in levels}
    dimensions = read_dimensions(
        data, top, tuple(theme.id for theme in themes), by_number, anywhere="steps" in data
    )
    dimension_ids = tuple(d.id for d in dimensions)
    check_gates(levels, dimension_ids, top)
    steps = read_catalogue(data, top, dimension_ids)
    check_steps(dimensions, steps, top)
    retired = read_retired(data, top)
    questions = read_questions(data, top, dimension_ids, retired, by_number)
    used = {question.dimension for question in questions}
    for dimension in dimensions:
        if dimension.id not in used:
            raise Where(source, f"dimension '{dimension.id}'").error(
                "questions", "no question measures this dimension"
            )
    return Bank(
        levels=levels,
        themes=themes,
        dimensions=dimensions,
        questions=questions,
        scoring=read_scoring(data, top, len(dimensions)),
        retired=retired,
        steps=steps,
        code_version=read_code_version(data, top),
        source=source,
    )
