"""The named stages and the loop that passes one `Analysis` through them.

Like spaCy's `Language.__call__`, the pipeline is a list of (name, stage) pairs; each stage
declares what it `requires` and `assigns` on the Analysis so a reader can find the owner of any
field, and so a stage can be swapped (another embedder, an NLI plug-in) behind the same contract.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .model import Analysis


class Stage(Protocol):
    """A pipeline stage: reads `requires`, sets `assigns`, returns the same Analysis."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> Analysis: ...


ProgressHook = Callable[[str, int, int], None]  # (stage name, done, total)


@dataclass
class Pipeline:
    """An ordered list of stages; `run` times each one into `analysis.timings`."""

    stages: list[Stage] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, analysis: Analysis) -> Analysis:
        for stage in self.stages:
            started = time.perf_counter()
            analysis = stage(analysis)
            analysis.timings[stage.name] = analysis.timings.get(stage.name, 0.0) + time.perf_counter() - started
        return analysis


# Heuristic stages meet odd inputs in the wild; these are the errors such code raises on them.
# One bad report must not sink a batch of thousands, so it is reported and left out instead.
RECOVERABLE = (ValueError, IndexError, KeyError, TypeError, AttributeError, RecursionError, OverflowError)


def drop_failed(analysis: Analysis, stage: str, failed: dict[str, BaseException]) -> None:
    """Remove reports a stage failed on, each with one E013 problem naming the stage and error."""
    from .errors import E

    if not failed:
        return
    for article in [a for a in analysis.articles if a.id in failed]:
        exc = failed[article.id]
        analysis.problems.append(E.STAGE_FAILED.problem(article.path or article.id,
                                                        detail=f"'{stage}' ({type(exc).__name__}: {exc})"))
        analysis.docs.pop(article.id, None)
    analysis.articles = [a for a in analysis.articles if a.id not in failed]
