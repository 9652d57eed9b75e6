"""Every sentence a reader sees, from one catalog per language: ``quiz/catalog/<language>/``.

A catalog is a folder of TOML files. ``language.toml`` names the language and its plural rule::

    [catalog]
    language = "fr"
    name = "Français"
    plural = "n > 1"       # which plural form a count takes (gettext's Plural-Forms rule)
    decimal = ","          # what separates a number's whole part from its decimals

and every other file holds the messages of one part of the site (``links.toml``,
``results.toml``...), the same files in every language::

    [messages]
    "code.damaged" = "Ce lien de résultat est abîmé ..."
    "team.people" = ["{count} personne", "{count} personnes"]   # one text per plural form

``{name}`` marks where a value goes; every language's text of a key has the same marks.
:func:`text` and :func:`plural` give a message in the language in use (:func:`language`),
which the entry points set for the length of a request (:func:`in_language`); :func:`decimal`
writes a number with decimals as that language does (``1.21``, ``1,21``). The English
catalog is the reference: :func:`catalog_problems` names every key another catalog misses or
adds, every mark that differs and every plural with the wrong number of forms, and the build
stops on any of them.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "REFERENCE",
    "Catalog",
    "catalog",
    "catalog_problems",
    "decimal",
    "group",
    "in_language",
    "language",
    "languages",
    "plural",
    "set_language",
    "text",
]

#: The language every other catalog is checked against.
REFERENCE = "en"
_FOLDER = "catalog"
_HEAD = "language.toml"
_MARK = re.compile(r"\{([a-z_]+)\}")
_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=REFERENCE)


@dataclass(frozen=True)
class Catalog:
    """One language's messages."""

    language: str
    name: str
    plural_rule: str
    #: What separates a number's whole part from its decimals: "." in English, "," in French.
    decimal: str
    messages: Mapping[str, str | tuple[str, ...]]
    #: The file each message is in, from the package's folder: ``quiz/catalog/fr/links.toml``.
    files: Mapping[str, str]
    source: str

    @functools.cached_property
    def plural_index(self) -> Callable[[int], int]:
        """The plural form a count takes (0 for the first form)."""
        import gettext

        return gettext.c2py(self.plural_rule)


def _folder() -> Any:
    from importlib import resources

    return resources.files("quiz").joinpath(_FOLDER)


def _build_folder(folder: Any) -> Any | None:
    """The build's own messages (the form, the pages' words, the command line: ``build``,
    ``ui``...), kept in ``quiz/build/catalog/`` so the browser's wheel, which leaves that
    subpackage out, does not carry them. None where it is absent (in the browser)."""
    from importlib import resources

    try:
        extra = resources.files("quiz.build").joinpath(_FOLDER)
    except ModuleNotFoundError:
        return None
    same = str(extra) == str(folder)  # a test's planted package holds both in one folder
    return None if same or not extra.is_dir() else extra


def languages() -> tuple[str, ...]:
    """The languages that have a catalog, the reference first."""
    found = sorted(entry.name for entry in _folder().iterdir() if entry.is_dir())
    return (REFERENCE, *(name for name in found if name != REFERENCE))


def _messages(raw: object, source: str) -> dict[str, str | tuple[str, ...]]:
    from .errors import BankError

    if not isinstance(raw, Mapping):
        raise BankError(f"{source}: [messages] must be a table of key = text")
    messages: dict[str, str | tuple[str, ...]] = {}
    for key, value in raw.items():
        if isinstance(value, str):
            messages[key] = value
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            messages[key] = tuple(value)
        else:
            raise BankError(f"{source}: message '{key}': expected a text or a list of texts")
    return messages


def _read(entry: Any, source: str) -> dict[str, Any]:
    import tomllib

    from .errors import BankError

    try:
        data: dict[str, Any] = tomllib.loads(entry.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{source}: not valid TOML ({exc})") from None
    return data


def catalog(name: str) -> Catalog:
    """The catalog of language ``name``. Raises :class:`~quiz.errors.BankError`."""
    folder = _folder()
    return _catalog(folder, _build_folder(folder), name)


def _parts(folder: Any, name: str, prefix: str) -> list[tuple[Any, str]]:
    entry = folder.joinpath(name)
    if not entry.is_dir():
        return []
    parts = sorted(entry.iterdir(), key=lambda item: item.name)
    return [
        (part, f"{prefix}/{name}/{part.name}")
        for part in parts
        if part.name != _HEAD and part.name.endswith(".toml")
    ]


@functools.cache
def _catalog(folder: Any, build_folder: Any | None, name: str) -> Catalog:
    """The catalog, read once per folder (the package's, or another that a test plants): the
    messages of ``quiz/catalog/<name>/`` and, at build time, of ``quiz/build/catalog/<name>/``."""
    from .errors import BankError

    source = f"quiz/{_FOLDER}/{name}"
    entry = folder.joinpath(name)
    if not entry.is_dir() or not entry.joinpath(_HEAD).is_file():
        raise BankError(f"{source}/{_HEAD}: no catalog for the language '{name}'")
    head = _read(entry.joinpath(_HEAD), f"{source}/{_HEAD}").get("catalog")
    if not isinstance(head, Mapping) or not all(
        isinstance(head.get(field), str) for field in ("language", "name", "plural", "decimal")
    ):
        raise BankError(f"{source}/{_HEAD}: [catalog] needs language, name, plural and decimal")
    if head["language"] != name:
        raise BankError(f"{source}/{_HEAD}: [catalog] language says '{head['language']}'")
    messages: dict[str, str | tuple[str, ...]] = {}
    files: dict[str, str] = {}
    parts = _parts(folder, name, f"quiz/{_FOLDER}")
    if build_folder is not None:
        parts += _parts(build_folder, name, f"quiz/build/{_FOLDER}")
    for part, where in parts:
        for key, value in _messages(_read(part, where).get("messages"), where).items():
            if key in messages:
                raise BankError(f"{where}: message '{key}' is also in {files[key]}: keep one")
            messages[key], files[key] = value, where
    return Catalog(name, head["name"], head["plural"], head["decimal"], messages, files, source)


def language() -> str:
    """The language sentences are written in now."""
    return _language.get()


def set_language(name: str) -> None:
    """Write every sentence in ``name`` from now on (the browser's scorer serves one page, in
    one language). Raises :class:`~quiz.errors.BankError` for a language without a catalog."""
    catalog(name)
    _language.set(name)


@contextlib.contextmanager
def in_language(name: str | None) -> Iterator[None]:
    """Write every sentence in ``name`` (``None``: the reference) for the length of a block."""
    token = _language.set(name or REFERENCE)
    try:
        yield
    finally:
        _language.reset(token)


def _lookup(key: str) -> str | tuple[str, ...]:
    try:
        return catalog(language()).messages[key]
    except KeyError:
        raise KeyError(f"no message '{key}' in quiz/{_FOLDER}/{language()}/") from None


def text(key: str, /, **values: object) -> str:
    """The message ``key`` in the language in use, with ``values`` in its marks."""
    message = _lookup(key)
    if not isinstance(message, str):
        raise TypeError(f"message '{key}' has plural forms: use plural()")
    return message.format(**values)


def plural(key: str, count: int, /, **values: object) -> str:
    """The form of message ``key`` that ``count`` takes in the language in use; ``{count}``
    and ``values`` fill its marks."""
    forms = _lookup(key)
    if isinstance(forms, str):
        raise TypeError(f"message '{key}' has no plural forms: use text()")
    index = catalog(language()).plural_index(count)
    return forms[min(index, len(forms) - 1)].format(count=count, **values)


def decimal(value: float, places: int, *, trim: bool = False) -> str:
    """``value`` with ``places`` decimals, written with the decimal separator of the language in
    use (``decimal`` in its ``language.toml``): ``1.21`` in English, ``1,21`` in French. With
    ``trim``, trailing zeros go, and the separator with them (``2.5``, ``3``)."""
    written = f"{value:.{places}f}"
    if trim and "." in written:
        written = written.rstrip("0").rstrip(".")
    return written.replace(".", catalog(language()).decimal)


def group(prefix: str, name: str | None = None) -> dict[str, str]:
    """The messages whose key starts with ``prefix`` (without it), in ``name`` (by default the
    language in use), their marks left for the page or template to fill."""
    messages = catalog(name or language()).messages
    return {
        key.removeprefix(prefix): value
        for key, value in messages.items()
        if key.startswith(prefix) and isinstance(value, str)
    }


def _marks(message: str | tuple[str, ...]) -> set[str]:
    texts = (message,) if isinstance(message, str) else message
    return {mark for value in texts for mark in _MARK.findall(value)}


def _forms(rule: str) -> int:
    """How many plural forms a rule tells apart (counted on 0 to 199)."""
    import gettext

    index = gettext.c2py(rule)
    return len({index(count) for count in range(200)})


def catalog_problems(names: tuple[str, ...] | None = None) -> list[str]:
    """What each catalog lacks or adds against the reference, one line each."""
    reference = catalog(REFERENCE)
    problems: list[str] = []
    for name in names or languages():
        other = catalog(name)
        for key, message in reference.messages.items():
            part = reference.files[key].replace(f"/{REFERENCE}/", f"/{name}/")
            if key not in other.messages:
                problems.append(f"{part}: message '{key}' is missing (English: {message!r})")
                continue
            if other.files[key] != part:
                problems.append(f"{other.files[key]}: message '{key}' belongs in {part}")
            theirs = other.messages[key]
            if isinstance(message, str) != isinstance(theirs, str):
                problems.append(
                    f"{other.files[key]}: message '{key}' must be a plural like English's"
                )
            elif isinstance(theirs, tuple) and len(theirs) != _forms(other.plural_rule):
                problems.append(
                    f"{other.files[key]}: message '{key}' needs {_forms(other.plural_rule)} plural"
                    f" forms, it has {len(theirs)}"
                )
            if _marks(theirs) != _marks(message):
                problems.append(
                    f"{other.files[key]}: message '{key}' must hold the marks"
                    f" {sorted(_marks(message))}, it holds {sorted(_marks(theirs))}"
                )
        problems += [
            f"{other.files[key]}: message '{key}' is not in the English catalog: remove it"
            for key in other.messages
            if key not in reference.messages
        ]
    return problems
