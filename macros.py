"""mkdocs-macros entry point (placeholder until the assessment is wired)."""
from typing import Any


def define_env(env: Any) -> None:
    """Register macros."""
