"""Consilience: cross-check news reports — stories, attributed claims, verdicts with independent origins.

`consilience.analyze(paths) -> Result` is the library entry point. It is imported lazily so that
light users (the store, the ingest readers, the CLI's --help) do not pay for loading spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Analysis, Result

if TYPE_CHECKING:  # pragma: no cover
    from .engine import analyze

__all__ = ["Analysis", "Result", "analyze"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from .engine import analyze

        return analyze
    raise AttributeError(f"module 'consilience' has no attribute {name!r}")
