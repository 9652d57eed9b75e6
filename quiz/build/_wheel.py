"""What the browser's Python gets of the package: the wheel's side of the layout, and a
language pack for each language but the bank's own (hooks/pyodide_assets.py builds both).

The wheel holds the package without its build-only side and with the text of the bank's own
language only; every first visit downloads it. Each other language's text (its catalog and the
bank's layers) is a pack of its own, ``ex_quiz-lang-fr.zip``, that the scorer's worker unpacks
beside the wheel on that language's pages only (docs/javascripts/scorer/scorer-loader.mjs): a
reader downloads no language they do not read, and a language added to the site costs the
others nothing.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from .._bank.settings import DEFAULT_BANK

#: The build-only side of the package's layout: the ``quiz.build`` subpackage (the site's
#: build, its macros and the command line) and ``python -m quiz``'s entry into it. The browser
#: never imports them, so the wheel it downloads is built from a copy without them: a module
#: moved into quiz/build/ is left out of the wheel, a module anywhere else in quiz/ is in it.
BUILD_ONLY_FOLDER = "build"
COMMAND_LINE_ENTRY = "__main__.py"

#: A language pack's name in the site's ``pyodide/`` (scorer-loader.mjs ``packName``).
LANGUAGE_PACK = "ex_quiz-lang-{}.zip"
#: The date of every file in a pack: the earliest a zip file can hold (reproducible packs).
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
#: A bank's text in another language: ``bank.fr.toml``, ``bank_v1.fr.toml``.
_LAYER = re.compile(r"bank(?:_v[0-9]+)?\.([a-z]{2,3})\.toml")


def browser_side_of(
    package: Path, languages: tuple[str, ...]
) -> Callable[[str, list[str]], set[str]]:
    """``shutil.copytree``'s ``ignore`` for copying the package at ``package`` as the wheel
    holds it: without the build-only side, and with the text of ``languages`` only (their
    catalogs and bank layers; the wheel keeps the bank's own language, the packs the others)."""

    def left_out(folder: str, names: list[str]) -> set[str]:
        ignored = {"__pycache__"}
        if Path(folder) == package:
            ignored |= {BUILD_ONLY_FOLDER, COMMAND_LINE_ENTRY}
            ignored |= {
                name
                for name in names
                if (layer := _LAYER.fullmatch(name)) and layer[1] not in languages
            }
        elif Path(folder) == package / "catalog":
            ignored |= {name for name in names if name not in languages}
        return ignored & set(names)

    return left_out


def pack_files(package: Path, bank_file: Path, language: str) -> dict[str, Path]:
    """What the language pack of ``language`` holds, by its path in the pack (where it goes
    beside the wheel's files) -> the file: the language's catalog, the layer of the bank the
    site scores with (as ``quiz/bank.<language>.toml``, the name the wheel gives that bank) and
    the frozen banks' layers."""
    files = {
        f"quiz/catalog/{language}/{path.name}": path
        for path in sorted((package / "catalog" / language).glob("*.toml"))
    }
    layer = bank_file.with_suffix(f".{language}{bank_file.suffix}")
    files[Path(DEFAULT_BANK).with_suffix(f".{language}.toml").as_posix()] = layer
    for path in sorted(package.iterdir()):
        found = _LAYER.fullmatch(path.name)
        if found and found[1] == language and path.name.startswith("bank_v"):
            files[f"quiz/{path.name}"] = path
    return files


def write_language_packs(
    out: Path, package: Path, bank_file: Path, languages: tuple[str, ...]
) -> list[Path]:
    """A pack in ``out`` for each of ``languages`` but the first (the bank's own), written
    reproducibly: the same files give the same bytes."""
    packs = []
    for language in languages[1:]:
        pack = out / LANGUAGE_PACK.format(language)
        with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name, path in pack_files(package, bank_file, language).items():
                info = zipfile.ZipInfo(name, _ZIP_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        packs.append(pack)
    return packs
