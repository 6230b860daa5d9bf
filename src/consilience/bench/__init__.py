"""Reproducible benchmarks of the whole pipeline: `python -m consilience.bench throughput ...`.

Each benchmark prints one JSON object; timings are medians over runs and are reported as a
ratio against a baseline (a bare spaCy pass) measured in the same process and the same run.
"""

from __future__ import annotations

from .corpora import Corpus, CorpusMissing, prepare_corpus
from .throughput import measure_throughput

__all__ = ["Corpus", "CorpusMissing", "measure_throughput", "prepare_corpus"]
