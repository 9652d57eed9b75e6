"""The browser code writes no English of its own: every label, heading, button and sentence a
reader sees comes from the catalog (``quiz/catalog/<language>/ui.toml``, the ``page.``
messages that ``docs/javascripts/shared/messages.mjs`` reads), so that the site reads in its
own language. This scans every string and template literal of ``docs/javascripts/**/*.mjs``
for text that looks written for a reader and names the file and line of each.

What looks like reader text: a capitalised word followed by more words ("Try again"), three
or more lower-case words in a row ("the levels overview"), or text that ends a sentence
("Unknown request."). Class names, selectors, storage keys and ids have none of these.
"""

from __future__ import annotations

import re
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "docs" / "javascripts"

WORDS = re.compile(
    r"(?<![\w$.-])[A-Z][a-z']*(?: [a-zA-Z']+)+(?![\w-])"  # Two or more words, capitalised
    r"|(?<![\w-])[a-z']+(?: [a-z']+){2,}(?![\w-])"  # three lower-case words in a row
)
SENTENCE_END = re.compile(r"[A-Za-z)]{2,}[.…!?:]\s*$")

#: Lines whose literals are for developers, never shown to a reader: (file, what the line
#: holds, why). Keep it short: a reader's text belongs in the catalog.
ALLOWED: list[tuple[str, str, str]] = [
    ("", "console.", "the browser console is for developers"),
    ("scorer/scorer-loader.mjs", "damaged(", "why a file is damaged: the failure's console detail"),
    ("scorer/scorer-loader.mjs", "new LoadError(", "a load failure's console detail"),
    ("scorer/scorer-loader.mjs", "new TypeError(", "a refused fetch, seen only by Pyodide"),
    ("scorer/scorer-snapshot.mjs", "const SKIPPED", "logged to the console"),
    ("shared/messages.mjs", "throw new Error(", "a missing message: a bug for developers"),
]

_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^")


def _template(source: str, start: int) -> tuple[list[tuple[int, str]], int]:
    """A template literal opening at ``start``: its text with ``{}`` for each ``${...}``,
    the literals inside its expressions, and where it ends."""
    found: list[tuple[int, str]] = []
    text: list[str] = []
    j = start + 1
    while j < len(source) and source[j] != "`":
        if source[j] == "\\":
            text.append(source[j : j + 2])
            j += 2
        elif source.startswith("${", j):
            depth, k = 1, j + 2
            while k < len(source) and depth:
                depth += {"{": 1, "}": -1}.get(source[k], 0)
                k += 1
            offset = source.count("\n", 0, j + 2)
            found += [(offset + line, lit) for line, lit in literals(source[j + 2 : k - 1])]
            text.append("{}")
            j = k
        else:
            text.append(source[j])
            j += 1
    return [(source.count("\n", 0, start), "".join(text)), *found], j + 1


def literals(source: str) -> list[tuple[int, str]]:
    """(line from 0, text) of each string and template literal, comments and regular
    expressions left out."""
    found: list[tuple[int, str]] = []
    i, previous = 0, ""
    while i < len(source):
        char = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = len(source) if end < 0 else end + 2
        elif char in "\"'":
            j = i + 1
            while j < len(source) and source[j] != char:
                j += 2 if source[j] == "\\" else 1
            found.append((source.count("\n", 0, i), source[i + 1 : j]))
            i, previous = j + 1, char
        elif char == "`":
            parts, i = _template(source, i)
            found += parts
            previous = "`"
        elif char == "/" and (
            previous in _REGEX_BEFORE or re.search(r"\b(?:return|typeof|case)\s*$", source[:i])
        ):
            j, in_class = i + 1, False
            while j < len(source) and source[j] != "\n":
                if source[j] == "\\":
                    j += 1
                elif source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                elif source[j] == "/" and not in_class:
                    break
                j += 1
            i, previous = j + 1, "/"
        else:
            if not char.isspace():
                previous = char
            i += 1
    return found


def reader_text(text: str) -> bool:
    return bool(WORDS.search(text) or SENTENCE_END.search(text))


def english_in(path: Path, source: str) -> list[str]:
    """``file:line: text`` for each literal of ``source`` that looks written for a reader."""
    name = path.relative_to(SCRIPTS).as_posix() if path.is_relative_to(SCRIPTS) else path.name
    lines = source.splitlines()
    found = []
    for line, text in literals(source):
        held = lines[line] if line < len(lines) else ""
        allowed = any(name.endswith(where) and what in held for where, what, _why in ALLOWED)
        if reader_text(text) and not allowed:
            found.append(f"docs/javascripts/{name}:{line + 1}: {text!r}")
    return found


def test_the_browser_code_writes_no_reader_text_of_its_own() -> None:
    scripts = sorted(SCRIPTS.rglob("*.mjs"))
    assert scripts
    found = [hit for path in scripts for hit in english_in(path, path.read_text("utf-8"))]
    assert found == [], "move these to quiz/catalog/*/ui.toml (page.*) and use message():\n" + (
        "\n".join(found)
    )


def test_a_planted_sentence_is_named_with_its_file_and_line() -> None:
    planted = (
        "// Try again later, says a comment: not a literal.\n"
        'const ok = el("p", { className: "md-button md-button--primary", id: "ex-a" });\n'
        "const re = /text\\/html/i;\n"
        'const label = button("Try again", retry);\n'
        "const sentence = `Loaded ${count} results.`;\n"
        'console.warn("Scorer: no snapshot this time.");\n'
    )
    found = english_in(SCRIPTS / "shared" / "planted.mjs", planted)
    assert found == [
        "docs/javascripts/shared/planted.mjs:4: 'Try again'",
        "docs/javascripts/shared/planted.mjs:5: 'Loaded {} results.'",
    ]


def test_what_is_not_reader_text_passes() -> None:
    for text in ["ex-result ex-result--here", ".ex-template textarea", "lang", "{}: {}", "-"]:
        assert not reader_text(text), text
    for text in ["Try again", "the levels overview", "Unknown request.", "Opening your result…"]:
        assert reader_text(text), text
