"""The embedder benchmark's sentence generator (the timing itself is never asserted)."""

from __future__ import annotations

from consilience.bench.embedders import news_sentences


def test_bench_embedders_sentences_are_deterministic_and_varied():
    first, again = news_sentences(200), news_sentences(200)
    assert first == again
    assert len(set(first)) > 150
    assert news_sentences(50, seed=1) != news_sentences(50, seed=2)
