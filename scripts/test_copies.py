"""Prove that a copy of the playbook under another identity works: copy the project as an
organisation hosting its own does, change only its site.json, and run the copy's tests.

Two copies, each with another name and repository:

* ``project``: a GitHub Pages project site at a sub-path (``https://example-org.github.io/people-playbook/``);
* ``domain``: a custom domain, served at ``/`` (``https://playbook.example.org/``).

By default each copy is built and runs the tests that depend on the site's identity (its
address, path, storage keys, snapshot cache, links and the two-copies test), which is what
``make test`` runs after the main suite. ``--full`` runs each copy's whole ``make test`` instead
(about as long as the main suite each); a test that fails there runs once more alone, and
only a second failure fails the copy (a browser test can meet a busy machine; a failure that
comes from the copy's identity fails again). The copies share this checkout's installed packages
(harness.make_copy); each copy runs with ``EX_PLAYBOOK_COPY`` set, so it does not test
copies of itself.

    .venv/bin/python scripts/test_copies.py            # build + identity tests of each copy
    .venv/bin/python scripts/test_copies.py --full     # each copy's whole `make test`
    .venv/bin/python scripts/test_copies.py --keep DIR # keep the copies in DIR
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from harness import copy_environment, make_copy  # noqa: E402

#: The identities the copies take (site.json's top-level fields).
COPIES: dict[str, dict[str, str]] = {
    "project": {
        "site_name": "People Playbook",
        "site_url": "https://example-org.github.io/people-playbook/",
        "repo_url": "https://github.com/example-org/people-playbook",
    },
    "domain": {
        "site_name": "Example Org EX Playbook",
        "site_url": "https://playbook.example.org/",
        "repo_url": "https://github.com/example-org/ex-playbook",
    },
}

#: The tests that depend on the site's identity: where it is served and what it is called
#: (pages, 404 page, sitemap and social tags, search links, the Content Security Policy), the
#: names it keeps things under in the browser, and a copy beside it on the same origin.
IDENTITY_TESTS = [
    "tests/test_copies_browser.py",
    "tests/test_static_site.py",
    "tests/test_csp.py",
    "tests/test_content_levels.py",
    "tests/test_content_conversations.py",
    "tests/test_content_glossary.py",
    "tests/test_content_templates.py",
    "tests/test_content_descriptions.py",
    "tests/test_site_pages_accessibility.py",
    "tests/test_site_pages_behaviour.py",
    "tests/test_site_pages_reflow_and_focus.py",
    "tests/test_progress_storage_browser.py::test_forget_everything_clears_what_the_site_kept_and_nothing_else",
    "tests/test_assessment_snapshot_browser.py::test_a_repeat_visit_restores_the_snapshot_and_a_new_deployment_replaces_it",
]

#: Set in each copy's environment: a copy does not test copies of itself.
GUARD = "EX_PLAYBOOK_COPY"


def run(command: list[str], project: Path, name: str) -> tuple[bool, float]:
    env = {**os.environ, **copy_environment(project), GUARD: name}
    started = time.monotonic()
    print(f"[{name}] $ {' '.join(command)}  (in {project})", flush=True)
    done = subprocess.run(command, cwd=project, env=env, check=False)
    return done.returncode == 0, time.monotonic() - started


def test_copy(name: str, identity: dict[str, str], where: Path, full: bool) -> tuple[bool, float]:
    project = make_copy(where / name, identity)
    print(f"[{name}] a copy at {identity['site_url']} ({identity['repo_url']})", flush=True)
    if full:
        passed, seconds = run(["make", "test"], project, name)
        if passed:
            return passed, seconds
        # A browser test that failed once may have met a busy machine: the failed tests run
        # once more, alone. A failure that comes from the copy's identity fails again.
        print(f"[{name}] running the failed tests again, to tell a flaky one from a real one")
        python = str(ROOT / ".venv" / "bin" / "python")
        again, more = run(
            [python, "-m", "pytest", "--last-failed", "--last-failed-no-failures", "none"],
            project,
            name,
        )
        if again:
            print(f"[{name}] the failed tests passed alone: flaky, not the copy's identity")
        return again, seconds + more
    python = str(ROOT / ".venv" / "bin" / "python")
    built, build_time = run(
        [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(where / f"{name}-site")],
        project,
        name,
    )
    if not built:
        return False, build_time
    jobs = ["-n", "auto", "--maxprocesses", "4", "--dist", "worksteal"]
    passed, test_time = run([python, "-m", "pytest", *jobs, *IDENTITY_TESTS], project, name)
    return passed, build_time + test_time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="each copy's whole `make test`")
    parser.add_argument("--keep", type=Path, help="make the copies in this folder and keep them")
    parser.add_argument("names", nargs="*", help=f"only these copies ({', '.join(COPIES)})")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in COPIES]
    if unknown:
        parser.error(f"no copy called {', '.join(unknown)}: choose from {', '.join(COPIES)}")
    if os.environ.get(GUARD):
        print(f"{GUARD} is set: this is a copy already, its copies are not tested.")
        return 0
    names = args.names or list(COPIES)
    with tempfile.TemporaryDirectory(prefix="ex-copies-") as tmp:
        where = args.keep.resolve() if args.keep else Path(tmp)
        results = {name: test_copy(name, COPIES[name], where, args.full) for name in names}
    for name, (passed, seconds) in results.items():
        verdict = "passed" if passed else "FAILED"
        print(f"copy {name!r} ({COPIES[name]['site_url']}): {verdict} in {seconds / 60:.1f} min")
    return 0 if all(passed for passed, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
