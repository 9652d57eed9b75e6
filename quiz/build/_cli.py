"""Command-line interface: ``python -m quiz COMMAND``.

Commands print JSON on stdout. Bad input (unknown question, level out of range,
malformed JSON, bad result code, missing file...) exits with status 2 and a
single ``quiz: error: ...`` line on stderr, never a traceback. ``--lang LANG`` writes
everything (the bank's text, the sentences, the error lines) in a language with a catalog
(``quiz/catalog/LANG/``); the ``--help`` text stays in English.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .._bank.loader import load_bank
from .._bank.model import Bank, na_label, not_sure_label
from .._results.legacy import open_code
from .._results.report import answers_to_dict, bank_to_dict, opened_to_dict
from .._scoring.answers import answers_from_json, check_answers
from .._teams.lines import read_codes
from .._teams.output import team_table, team_to_dict
from .._teams.team import team_view
from .._text import REFERENCE, in_language, languages
from .._text import text as sentence
from ._explain import scoring_rules_markdown
from ._published import frozen_problems, load_published, published_problems

__all__ = ["main"]

EXIT_BAD_INPUT = 2

_DESCRIPTION = """\
EX maturity self-assessment engine.

commands:
  bank [--json]             list the questions (--json: the whole bank as JSON)
  score FILE                score {"answers": {"<question id>": level number or null}}
                            read from FILE, or from stdin when FILE is -
  decode CODE|LINK          print the result for a result code or result link
  team CODE... | --csv FILE compare several results, codes or links (JSON;
                            --table for text)
  explain                   print the "How scoring works" Markdown

--lang LANG (before the command) writes the output in that language, e.g. fr.

score, decode and team print JSON. Bad input exits with status 2 and a
one-line message on stderr.
"""


def _fail(message: str) -> NoReturn:
    # One line; no-break spaces (French typography) stay, unlike with str.split().
    line = " ".join(re.split(r"[ \t\n\r\f\v]+", message.strip(" \t\n\r\f\v")))
    line = line or sentence("cli.invalid_input")
    print(sentence("cli.error", message=line), file=sys.stderr)
    raise SystemExit(EXIT_BAD_INPUT)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line long."""

    def error(self, message: str) -> NoReturn:
        _fail(sentence("cli.see_help", message=message))


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        _fail(sentence("cli.not_utf8", name=name))
    except OSError as exc:
        _fail(sentence("cli.cannot_read", name=name, reason=exc.strerror or type(exc).__name__))


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2))


def _bank_text(bank: Bank) -> str:
    lines: list[str] = []
    for dimension in bank.dimensions:
        lines.append(f"{dimension.name} [{dimension.id}]")
        for question in bank.questions_for(dimension.id):
            lines.append(f"  Q{question.number} {question.text} [{question.id}]")
            for choice in question.choices:
                mark = "-" if choice.level is None else str(choice.level)
                lines.append(f"    {mark}. {choice.text}")
            if question.not_applicable:
                lines.append(f"    na. {na_label()}")
        lines.append("")
    lines.append(
        sentence(
            "cli.bank_total",
            questions=len(bank.questions),
            dimensions=len(bank.dimensions),
            not_sure=not_sure_label(),
            na=na_label(),
        )
    )
    lines += [_gates_text(bank)] if bank.staged else []
    return "\n".join(lines)


def _gates_text(bank: Bank) -> str:
    rows = [
        "  " + sentence("cli.gate", level=level.number, areas=", ".join(bank.gates(level.number)))
        for level in bank.levels
        if level.gates
    ]
    return "\n".join(["", sentence("cli.gates_heading"), *rows])


def _cmd_bank(args: argparse.Namespace, bank: Bank) -> None:
    if args.bank is None:  # the packaged bank: its published numbers must hold
        problems = frozen_problems() + published_problems(bank, load_published())
        if problems:
            _fail(" ".join(problems))
    if args.json:
        _print_json(bank_to_dict(bank))
    else:
        print(_bank_text(bank))


def _cmd_score(args: argparse.Namespace, bank: Bank) -> None:
    answers = check_answers(bank, answers_from_json(_read(args.file)))
    _print_json(answers_to_dict(bank, answers))


def _cmd_decode(args: argparse.Namespace, bank: Bank) -> None:
    _print_json(opened_to_dict(open_code(args.code, bank)))


def _cmd_team(args: argparse.Namespace, bank: Bank) -> None:
    codes: list[str] = list(args.codes)
    if args.csv is not None:
        codes += read_codes(_read(args.csv))
    if not codes:
        _fail(sentence("cli.no_codes"))
    view = team_view(codes, bank)
    if args.table:
        print(team_table(view))
    else:
        _print_json(team_to_dict(view))


def _cmd_explain(args: argparse.Namespace, bank: Bank) -> None:
    sys.stdout.write(scoring_rules_markdown(bank, link_prefix=args.link_prefix))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m quiz",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=REFERENCE,
        help=f"write the output in this language (default: {REFERENCE}; one of the folders"
        " of quiz/catalog/)",
    )
    parser.add_argument(
        "--bank",
        metavar="FILE",
        help="use this bank file instead of the packaged quiz/bank.toml",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    bank = commands.add_parser("bank", help="list the questions or print the bank")
    bank.add_argument("--json", action="store_true", help="print the bank as JSON")
    bank.set_defaults(handler=_cmd_bank)

    score_cmd = commands.add_parser("score", help="score answers from a JSON file")
    score_cmd.add_argument(
        "file",
        metavar="FILE",
        help='JSON file {"answers": {"<question id>": level number or null}}; - for stdin',
    )
    score_cmd.add_argument("--json", action="store_true", help="(default) JSON output")
    score_cmd.set_defaults(handler=_cmd_score)

    decode_cmd = commands.add_parser("decode", help="print the result for a code")
    decode_cmd.add_argument("code", metavar="CODE", help="a result code, e.g. v1.…")
    decode_cmd.add_argument("--json", action="store_true", help="(default) JSON output")
    decode_cmd.set_defaults(handler=_cmd_decode)

    team = commands.add_parser(
        "team",
        help="compare several results",
        description="Compare several results as the site's team page does: the team "
        "level (the median of the members' own levels), each area's count, median, mean, "
        "spread (population standard deviation) and min-max, and the areas where people "
        "disagree most with the questions behind them. Prints JSON by default, or a text "
        "table with --table.",
    )
    team.add_argument("codes", nargs="*", metavar="CODE", help="result codes")
    team.add_argument(
        "--csv",
        metavar="FILE",
        help="CSV with a 'code' column, or one code per line; - for stdin",
    )
    output = team.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="(default) JSON output")
    output.add_argument("--table", action="store_true", help="text table output")
    team.set_defaults(handler=_cmd_team)

    explain = commands.add_parser("explain", help='print the "How scoring works" Markdown')
    explain.add_argument(
        "--link-prefix",
        default="../",
        help="prefix for docs-relative links (default: ../)",
    )
    explain.set_defaults(handler=_cmd_explain)
    return parser


def _checked(lang: str) -> str:
    """``lang`` if it has a catalog; else a refusal, in English, naming the missing folder."""
    if lang not in languages():
        with in_language(REFERENCE):
            _fail(sentence("cli.no_catalog", lang=lang, languages=", ".join(languages())))
    return lang


def _language(argv: Sequence[str]) -> str:
    """The ``--lang`` of the command line, read before the rest so that usage errors come in
    it too."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return _checked(argv[index + 1])
        if arg.startswith("--lang="):
            return _checked(arg.partition("=")[2])
        if not arg.startswith("-") and argv[index - 1 : index] != ["--bank"]:
            break  # the command: --lang goes before it
    return REFERENCE


def _run(args: argparse.Namespace) -> int:
    try:
        bank = load_bank(args.bank)
        args.handler(args, bank)
    except ValueError as exc:
        _fail(str(exc))
    except RecursionError:
        _fail(sentence("cli.too_deep"))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    with in_language(_language(argv)):
        args = _parser().parse_args(argv)
        with in_language(_checked(args.lang)):  # also an abbreviated --lang (--la fr)
            return _run(args)
