"""Every sentence a reader sees, from one catalog per language: ``quiz/catalog/<language>.toml``.

A catalog is a TOML file::

    [catalog]
    language = "fr"
    name = "Français"
    plural = "n > 1"       # which plural form a count takes (gettext's Plural-Forms rule)

    [messages]
    "code.damaged" = "Ce lien de résultat est abîmé ..."
    "team.people" = ["{count} personne", "{count} personnes"]   # one text per plural form

``{name}`` marks where a value goes; every language's text of a key has the same marks.
:func:`text` and :func:`plural` give a message in the language in use (:func:`language`),
which the entry points set for the length of a request (:func:`in_language`). The English
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

__all__ = [
    "REFERENCE",
    "Catalog",
    "catalog",
    "catalog_problems",
    "in_language",
    "language",
    "languages",
    "plural",
    "text",
]

#: The language every other catalog is checked against.
REFERENCE = "en"
_FOLDER = "catalog"
_MARK = re.compile(r"\{([a-z_]+)\}")
_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=REFERENCE)


@dataclass(frozen=True)
class Catalog:
    """One language's messages."""

    language: str
    name: str
    plural_rule: str
    messages: Mapping[str, str | tuple[str, ...]]
    source: str

    @functools.cached_property
    def plural_index(self) -> Callable[[int], int]:
        """The plural form a count takes (0 for the first form)."""
        import gettext

        return gettext.c2py(self.plural_rule)


def _folder() -> object:
    from importlib import resources

    return resources.files("quiz").joinpath(_FOLDER)


def _files(folder: object = None) -> dict[str, object]:
    folder = _folder() if folder is None else folder
    return {
        entry.name.removesuffix(".toml"): entry
        for entry in folder.iterdir()  # type: ignore[attr-defined]
        if entry.name.endswith(".toml")
    }


def languages() -> tuple[str, ...]:
    """The languages that have a catalog, the reference first."""
    others = sorted(name for name in _files() if name != REFERENCE)
    return (REFERENCE, *others)


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


def catalog(name: str) -> Catalog:
    """The catalog of language ``name``. Raises :class:`~quiz.errors.BankError`."""
    return _catalog(_folder(), name)


@functools.cache
def _catalog(folder: object, name: str) -> Catalog:
    """The catalog, read once per folder (the package's, or another that a test plants)."""
    import tomllib

    from .errors import BankError

    source = f"quiz/{_FOLDER}/{name}.toml"
    entry = _files(folder).get(name)
    if entry is None:
        raise BankError(f"{source}: no catalog for the language '{name}'")
    try:
        data = tomllib.loads(entry.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{source}: not valid TOML ({exc})") from None
    head = data.get("catalog")
    if not isinstance(head, Mapping) or not all(
        isinstance(head.get(field), str) for field in ("language", "name", "plural")
    ):
        raise BankError(f"{source}: [catalog] needs language, name and plural")
    if head["language"] != name:
        raise BankError(f"{source}: [catalog] language says '{head['language']}'")
    return Catalog(
        name, head["name"], head["plural"], _messages(data.get("messages"), source), source
    )


def language() -> str:
    """The language sentences are written in now."""
    return _language.get()


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
        raise KeyError(f"no message '{key}' in quiz/{_FOLDER}/{language()}.toml") from None


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
            if key not in other.messages:
                problems.append(
                    f"{other.source}: message '{key}' is missing (English: {message!r})"
                )
                continue
            theirs = other.messages[key]
            if isinstance(message, str) != isinstance(theirs, str):
                problems.append(f"{other.source}: message '{key}' must be a plural like English's")
            elif isinstance(theirs, tuple) and len(theirs) != _forms(other.plural_rule):
                problems.append(
                    f"{other.source}: message '{key}' needs {_forms(other.plural_rule)} plural"
                    f" forms, it has {len(theirs)}"
                )
            if _marks(theirs) != _marks(message):
                problems.append(
                    f"{other.source}: message '{key}' must hold the marks"
                    f" {sorted(_marks(message))}, it holds {sorted(_marks(theirs))}"
                )
        problems += [
            f"{other.source}: message '{key}' is not in the English catalog: remove it"
            for key in other.messages
            if key not in reference.messages
        ]
    return problems
