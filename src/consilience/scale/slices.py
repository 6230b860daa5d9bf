"""Cutting a chunk of reports into slices for worker processes, and folding their results back.

Shared by the local process pool (scale.pool) and the Ray engine (scale.ray_engine): a worker
gets plain `Article`s and returns them annotated with their claims, never a spaCy Doc. Both also
align whole stories on their workers (`SpreadAlign`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model import Analysis, Article, ClaimGroup, Problem, Story
from ..pipeline import Pipeline

SLICE = 16  # reports per worker call: small enough to balance two workers, big enough for spaCy batching


@dataclass
class SliceResult:
    """What one worker sends back for one slice of reports: plain data only."""

    articles: list[Article]
    problems_by_stage: list[list[Problem]]  # problems each report stage raised, in stage order
    timings: dict[str, float] = field(default_factory=dict)


def run_stages(pipeline: Pipeline, part: Analysis) -> list[list[Problem]]:
    """Run `pipeline` over `part` one stage at a time; the problems each stage added, in stage order.

    Keeping them apart lets the driver merge slices into the order the local engine prints:
    every annotate problem of a chunk, then every claims problem.
    """
    by_stage = []
    for stage in pipeline.stages:
        before = len(part.problems)
        Pipeline([stage]).run(part)
        by_stage.append(part.problems[before:])
    return by_stage


def run_slice(pipeline: Pipeline, articles: list[Article], reference_date: str | None) -> SliceResult:
    """Run the per-report `pipeline` over one slice; the Docs are dropped before the result is returned."""
    part = Analysis(articles=articles, reference_date=reference_date)
    by_stage = run_stages(pipeline, part)
    part.docs.clear()
    return SliceResult(part.articles, by_stage, part.timings)


def slice_reports(articles: list[Article], workers: int, most: int = SLICE) -> list[list[Article]]:
    """Contiguous slices of at most `most` reports, at least one per worker when there are enough."""
    size = max(1, min(most, math.ceil(len(articles) / max(workers, 1))))
    return [articles[i : i + size] for i in range(0, len(articles), size)]


def taper_slices(articles: list[Article], workers: int, most: int = SLICE, least: int = 4) -> list[list[Article]]:
    """Contiguous slices that shrink towards the end: each takes about a 2*workers-th of the reports
    left (at most `most`, at least `least` or a worker's share of what is left), so the last
    slices of a run are small and the workers finish together instead of one of them working
    alone through a big last slice."""
    workers = max(workers, 1)
    slices: list[list[Article]] = []
    start = 0
    while start < len(articles):
        left = len(articles) - start
        size = max(min(least, math.ceil(left / workers)), min(most, math.ceil(left / (2 * workers))))
        slices.append(articles[start : start + size])
        start += size
    return slices


def merge_slices(part: Analysis, results: list[SliceResult]) -> Analysis:
    """Fold the slice results (in slice order) back into `part`, as one local run would leave it."""
    part.articles = [a for r in results for a in r.articles]
    stages = max((len(r.problems_by_stage) for r in results), default=0)
    for stage in range(stages):
        part.problems += [p for r in results for p in r.problems_by_stage[stage]]
    for r in results:
        for name, seconds in r.timings.items():
            part.timings[name] = part.timings.get(name, 0.0) + seconds  # worker seconds, summed
    return part


class SpreadAlign:
    """Pipeline stage: the align stage with whole stories spread over workers, biggest first.

    Stories are aligned independently of each other, so each worker aligns whole stories with its
    own MiniLM (one onnxruntime thread); the groups come back to their stories here. One story is
    aligned in this process, where MiniLM uses every core for it. Subclasses say where the
    workers are (`align_in_order`).
    """

    name = "align"
    requires = ("stories", "articles[].claims")
    assigns = ("stories[].claims",)

    def __call__(self, analysis: Analysis) -> Analysis:
        if len(analysis.stories) < 2:
            from ..align.align import AlignClaims

            return AlignClaims()(analysis)
        by_id = {a.id: a for a in analysis.articles}
        # The biggest stories start first, so no worker is left with a long one at the end.
        order = sorted(range(len(analysis.stories)),
                       key=lambda k: -sum(len(by_id[a].claims) for a in analysis.stories[k].articles))
        jobs = [(analysis.stories[k], [by_id[a] for a in analysis.stories[k].articles]) for k in order]
        for k, claims in zip(order, self.align_in_order(jobs)):
            analysis.stories[k].claims = claims
        return analysis

    def align_in_order(self, jobs: list[tuple[Story, list[Article]]]) -> list[list[ClaimGroup]]:
        """The claim groups of each (story, its reports) of `jobs`, in that order, aligned on the workers."""
        raise NotImplementedError
