"""What the French tests share: reading a catalog file, the fixed words of English messages (a
French output holding one kept an English message), and every text of a JSON-ready value."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harness import ROOT

#: The scorer's catalog, and the build's own.
CATALOGS = ROOT / "quiz" / "catalog"
BUILD_CATALOGS = ROOT / "quiz" / "build" / "catalog"
MARK = re.compile(r"\{[a-z_]+\}")
NBSP = "\u00a0"


def catalog_messages(language: str, part: str, folder: Path = CATALOGS) -> dict[str, Any]:
    """The ``[messages]`` of one catalog file, ``<folder>/<language>/<part>.toml``."""
    path = folder / language / f"{part}.toml"
    messages: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))["messages"]
    return messages


def english_pieces(*parts: str, shortest: int) -> list[str]:
    """The fixed words of every English message of ``parts``, between its marks. Pieces
    shorter than ``shortest`` ("Level ", ", ") are left out: French may share them."""
    pieces: set[str] = set()
    for part in parts:
        for value in catalog_messages("en", part).values():
            for form in [value] if isinstance(value, str) else value:
                pieces.update(p.strip() for p in MARK.split(form) if len(p.strip()) >= shortest)
    return sorted(pieces)


def strings(data: object) -> Iterator[str]:
    """Every text in a JSON-ready value."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)
