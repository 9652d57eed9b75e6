"""Result codes and the code namespace (site.json's extra.code_namespace): a copy with its own
namespace reads its own links, refuses the original's with a sentence and never reads them as its
own; the original reads every link it has published. Every id, number and level comes from the
loaded bank.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from harness import copy_environment, make_copy
from quiz import Answers, encode, open_code, score
from quiz.errors import DAMAGED, OTHER_SITE, CodeError
from quiz.web import decode_json
from tests.quiz_codes_support import checksummed, decode
from tests.quiz_support import BANK, V1_CASES, V2_CASES

# ---------------------------------------------------------------------------
# The code namespace (site.json's extra.code_namespace): a copy with its own questions sets its
# own, and the original's links are then refused with a sentence, never read as its own.
# ---------------------------------------------------------------------------

RECORDED = [case["code"] for case in V1_CASES[:3] + V2_CASES[:3]]


# The copies run in a new Python each (a copy of the project whose site.json sets its own
# namespace, as an organisation's fork does), through the public API: quiz.open_code and
# quiz.web.decode_json there, given codes made here. One copy serves the module.
IN_COPY = """
import json, sys
from quiz import encode, load_bank, open_code
from quiz.errors import CodeError
from quiz.web import decode_json
bank = load_bank()
out = {"own": encode(bank, {q.id: 4 for q in bank.questions}), "opened": {}, "web": {}}
for text in json.loads(sys.stdin.read()):
    try:
        out["opened"][text] = open_code(text).result.level
    except CodeError as error:
        out["opened"][text] = str(error)
    out["web"][text] = json.loads(decode_json(text))
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def acme_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_copy(tmp_path_factory.mktemp("acme"), extra={"code_namespace": "acme-ex"})


def in_copy(copy: Path, texts: list[str]) -> dict[str, Any]:
    """What the copy's own scorer says of each text, and a code of its own."""
    proc = subprocess.run(
        [sys.executable, "-c", IN_COPY],
        input=json.dumps(texts),
        cwd=copy,
        env={**os.environ, **copy_environment(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    out: dict[str, Any] = json.loads(proc.stdout)
    return out


def test_the_original_site_salts_codes_with_the_namespace_its_links_were_made_with() -> None:
    """Every link the playbook has published carries its namespace: the recorded v1 and v2
    codes (made before there was a namespace setting) still open, and a new code ends with
    the checksum that namespace gives."""
    for case in V1_CASES[:3] + V2_CASES[:3]:
        assert open_code(case["code"]).result.level == case["level"]
    answers = {question.id: 3 for question in BANK.questions}
    code = encode(BANK, answers)
    payload = base64.urlsafe_b64decode(code[3:] + "==")[:-4]
    assert code == checksummed(payload)


def test_a_copy_with_its_own_namespace_refuses_the_originals_links_with_a_clear_sentence(
    acme_copy: Path,
) -> None:
    original = encode(BANK, {question.id: 2 for question in BANK.questions})
    link = f"https://ex-maturity.github.io/ex-maturity-playbook/levels/level-2/#result={original}"
    damaged = "v3." + "A" * 8
    seen = in_copy(acme_copy, [original, link, *RECORDED, damaged])
    for text in (original, link, *RECORDED):
        assert seen["opened"][text] == OTHER_SITE
        # The reader sees the same sentence on the copy's pages.
        assert seen["web"][text] == {"ok": False, "error": OTHER_SITE}
    assert "another site's assessment" in OTHER_SITE
    # A damaged code is still called damaged, not another site's.
    assert seen["opened"][damaged] == DAMAGED


def test_a_copy_reads_its_own_links_and_the_original_never_reads_them(acme_copy: Path) -> None:
    answers: Answers = {question.id: 4 for question in BANK.questions}
    seen = in_copy(acme_copy, [])
    own = seen["own"]
    assert in_copy(acme_copy, [own])["opened"][own] == score(BANK, answers).level
    assert in_copy(acme_copy, [own])["web"][own]["ok"] is True
    with pytest.raises(CodeError, match=re.escape(DAMAGED)):
        decode(BANK, own)  # the original cannot tell another namespace from damage
    assert json.loads(decode_json(own)) == {"ok": False, "error": DAMAGED}


def test_a_copy_without_the_frozen_banks_asks_old_links_to_retake(tmp_path: Path) -> None:
    """A fork that deleted quiz/bank_v1.toml cannot read version-1 links: it says so and
    asks for a fresh result, rather than calling the link damaged."""
    copy = make_copy(tmp_path / "copy")
    (copy / "quiz" / "bank_v1.toml").unlink()
    code = V1_CASES[0]["code"]
    seen = in_copy(copy, [code])
    assert "no longer supported" in seen["opened"][code]
    assert seen["web"][code]["ok"] is False
