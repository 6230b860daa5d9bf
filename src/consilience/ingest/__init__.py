"""Ingest: files, folders, feeds, corpora and stdin in; checked, deduplicated Articles out.

Bad data never raises: each unusable input becomes one `Problem` (errors.E) and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from ..errors import E, ConsilienceError
from ..model import Analysis, Article, Problem
from .batch import Batch
from .identity import article_id
from .inputs import read_input
from .options import CorpusFields, IngestOptions

__all__ = ["CorpusFields", "Ingest", "IngestOptions", "article_id", "read_reports"]


def read_reports(
    inputs: Sequence[str], options: IngestOptions | None = None, stdin: TextIO | None = None
) -> tuple[list[Article], list[Problem], int]:
    """Read reports from paths, folders and "-" (stdin).

    Returns the articles (deduplicated, in input order), the problems met, and the number of
    inputs read: one per text/HTML file, feed item, corpus row or stdin, and one per path
    refused as a whole.
    """
    if isinstance(inputs, (str, bytes)):
        raise ConsilienceError("inputs must be a list of paths, not a single string: use [path].")
    batch = Batch(options or IngestOptions())
    if not inputs:
        batch.problems.append(E.NO_INPUT.problem(""))
    for item in inputs:
        read_input(str(item), batch, stdin)
    return batch.articles, batch.problems, batch.inputs_read


class Ingest:
    """Pipeline stage that reads the inputs into `analysis.articles`."""

    name = "ingest"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("articles", "problems", "inputs_read")

    def __init__(self, inputs: Sequence[str], options: IngestOptions | None = None, stdin: TextIO | None = None) -> None:
        self.inputs = inputs
        self.options = options
        self.stdin = stdin

    def __call__(self, analysis: Analysis) -> Analysis:
        options = self.options or IngestOptions()
        if options.published is None and analysis.reference_date is not None:
            # --published set on the Analysis overrides every report's date, as in IngestOptions.
            options = replace(options, published=analysis.reference_date)
        articles, problems, inputs_read = read_reports(self.inputs, options, self.stdin)
        analysis.articles.extend(articles)
        analysis.problems.extend(problems)
        analysis.inputs_read = inputs_read
        return analysis
