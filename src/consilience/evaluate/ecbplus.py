"""Cross-document event coreference on ECB+ with gold event mentions (align.coref), and the lemma baseline.

Data: the Barhom et al. (2019) "cybulska_setup" files (Cybulska & Vossen 2015 split: dev topics
2 5 12 18 21 23 34 35, test 36-45, train the rest): `ECB_<Split>_corpus.txt` (one token a line:
document, sentence, token number, token, tag) and `ECB_<Split>_{Event,Entity}_gold_mentions.json`.
Mentions are clustered inside each gold sub-topic (topic number + its ecb / ecbplus half; Barhom's
predicted document clusters match these in practice), within and across documents together, and
MUC, B-cubed, CEAF-e and CoNLL F1 are computed over all mentions of the split, singletons included.
Arguments of a mention are the gold entity mentions (participants, places, times) of its sentence,
used as text only, with their annotated type for those within `NEARBY_TOKENS` of the trigger (what
Barhom et al. and Cattan et al. also read in the gold-mention setting): their gold coreference
chains are never read. Run:

    python -m consilience.evaluate.ecbplus /work/shared/eval/ecbplus --split dev
    python -m consilience.evaluate.ecbplus /work/shared/eval/ecbplus --fit   # refit on train, tune on dev
    python -m consilience.evaluate.ecbplus /work/shared/eval/ecbplus --fit --fit-on train dev  # cut by topic CV
    consilience eval ecbplus --data /work/shared/eval/ecbplus --model DIR  # + an optional pair cross-encoder
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..align.coref import (
    DEFAULT_WEIGHTS,
    FEATURES,
    REFINE_FEATURES,
    CachedEmbedder,
    CorefWeights,
    EventMention,
    RefineWeights,
    cluster_by_lemma,
    cluster_by_score,
    embed_mentions,
    pair_features,
    pair_probability,
    score_pairs,
    second_order_features,
)
from .coref_metrics import clusters_from_labels, score_coreference

SPLITS = {"train": "Train", "dev": "Dev", "test": "Test"}
SETUP = "barhom2019/data/interim/cybulska_setup"
TEST_KEY = "barhom2019/data/gold/cybulska_gold/CD_test_event_mention_based.key_conll"
METHODS = ("lemma", "model", "cross_encoder")
# ECB+ entity types as the roles of `EventMention.nearby_arguments`.
ROLE_OF_TYPE = {"HUM": "participant", "LOC": "place", "TIM": "time", "NON": "thing"}
# An argument counts as the trigger's own within this many tokens of it: the sentence's other
# arguments often belong to its other events (chosen by topic cross-validation on train + dev).
NEARBY_TOKENS = 5


@dataclass
class GoldEventMention:
    """An ECB+ gold event mention with its gold chain and the group it is clustered in."""

    mention: EventMention
    chain: str
    topic: str
    subtopic: str


def _setup_dir(data_dir: str | Path) -> Path:
    """The cybulska_setup folder, whether `data_dir` is the ecbplus folder or the setup folder itself."""
    path = Path(data_dir)
    return path / SETUP if (path / SETUP).is_dir() else path


def read_corpus(path: Path) -> dict[tuple[str, int], list[str]]:
    """(document, sentence number) -> tokens, from a token-per-line corpus file."""
    sentences: dict[tuple[str, int], list[str]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            sentences.setdefault((parts[0], int(parts[1])), []).append(parts[3])
    return sentences


def subtopic_of(document: str) -> tuple[str, str]:
    """(topic, sub-topic) of an ECB+ document id: "36_4ecbplus" -> ("36", "36_ecbplus")."""
    topic, rest = document.split("_", 1)
    half = "ecbplus" if rest.endswith("ecbplus") else "ecb"
    return topic, f"{topic}_{half}"


def _head_lemma(lemmas: list[str], heads: list[int], positions: list[int]) -> str:
    """Lemma of the span token whose syntactic head lies outside the span (the span's head)."""
    inside = set(positions)
    for position in positions:
        if heads[position] not in inside or heads[position] == position:
            return lemmas[position]
    return lemmas[positions[0]]


def _parse_sentences(sentences: dict[tuple[str, int], list[str]]) -> dict[tuple[str, int], tuple[list[str], list[int]]]:
    """Lemma and head index of every token, parsing the given tokenisation as it is."""
    from spacy.tokens import Doc

    from ..annotate.nlp import load_nlp

    nlp = load_nlp()
    keys = list(sentences)
    docs = (Doc(nlp.vocab, words=sentences[key]) for key in keys)
    parsed = {}
    for key, doc in zip(keys, nlp.pipe(docs, batch_size=256)):
        parsed[key] = ([t.lemma_.lower() for t in doc], [t.head.i for t in doc])
    return parsed


def _nearby_arguments(entities, first: int, last: int) -> tuple[tuple[str, str], ...]:
    """(role, text) of the sentence's entity mentions within `NEARBY_TOKENS` tokens of the trigger span."""
    nearby = []
    for role, positions, text in entities:
        gap = max(min(positions) - last, first - max(positions), 0)
        if gap <= NEARBY_TOKENS:
            nearby.append((role, text))
    return tuple(nearby)


def read_split(data_dir: str | Path, split: str) -> list[GoldEventMention]:
    """The gold event mentions of one split, with sentences, head lemmas and same-sentence arguments."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
    setup = _setup_dir(data_dir)
    name = SPLITS[split]
    sentences = read_corpus(setup / f"ECB_{name}_corpus.txt")
    events = json.loads((setup / f"ECB_{name}_Event_gold_mentions.json").read_text(encoding="utf-8"))
    entities = json.loads((setup / f"ECB_{name}_Entity_gold_mentions.json").read_text(encoding="utf-8"))
    arguments: dict[tuple[str, int], list[str]] = {}
    typed: dict[tuple[str, int], list[tuple[str, list[int], str]]] = {}
    for entity in entities:
        key = (entity["doc_id"], entity["sent_id"])
        arguments.setdefault(key, []).append(entity["tokens_str"])
        typed.setdefault(key, []).append((ROLE_OF_TYPE.get(entity.get("mention_type", ""), "thing"),
                                          entity["tokens_number"], entity["tokens_str"]))
    parsed = _parse_sentences(sentences)
    mentions = []
    for number, event in enumerate(events):
        key = (event["doc_id"], event["sent_id"])
        lemmas, heads = parsed[key]
        topic, subtopic = subtopic_of(event["doc_id"])
        tokens = sentences[key]
        first, last = min(event["tokens_number"]), max(event["tokens_number"])
        start = sum(len(t) + 1 for t in tokens[:first])
        end = sum(len(t) + 1 for t in tokens[:last]) + len(tokens[last])
        mention = EventMention(
            id=f"{split}:{number}",
            document=event["doc_id"],
            sentence=" ".join(sentences[key]),
            trigger=event["tokens_str"],
            lemma=_head_lemma(lemmas, heads, event["tokens_number"]),
            sentence_index=event["sent_id"],
            arguments=tuple(arguments.get(key, ())),
            trigger_start=start,
            trigger_end=end,
            nearby_arguments=_nearby_arguments(typed.get(key, ()), first, last),
        )
        mentions.append(GoldEventMention(mention, event["coref_chain"], topic, subtopic))
    return mentions


def group_mentions(mentions: Sequence[GoldEventMention], grouping: str = "subtopic") -> list[list[int]]:
    """Indices of the mentions in each gold sub-topic (or topic): the blocks clustered independently."""
    if grouping not in ("subtopic", "topic"):
        raise ValueError(f"unknown grouping {grouping!r}: use 'subtopic' or 'topic'")
    blocks: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        blocks.setdefault(mention.subtopic if grouping == "subtopic" else mention.topic, []).append(index)
    return list(blocks.values())


def _block_features(mentions: Sequence[GoldEventMention], blocks: list[list[int]], embedder) -> list[np.ndarray]:
    """Pair features of every block."""
    features = []
    for block in blocks:
        event_mentions = [mentions[i].mention for i in block]
        features.append(pair_features(event_mentions, embed_mentions(event_mentions, embedder)))
    return features


def _clusters_to_labels(blocks: list[list[int]], block_clusters: list[list[list[int]]]) -> dict[int, str]:
    labels = {}
    for number, (block, clusters) in enumerate(zip(blocks, block_clusters)):
        for cluster_number, cluster in enumerate(clusters):
            for local in cluster:
                labels[block[local]] = f"{number}:{cluster_number}"
    return labels


def _percent(scores: dict) -> dict:
    result = {}
    for name in ("muc", "b_cubed", "ceaf_e"):
        result[name] = {k: round(100 * v, 2) for k, v in scores[name].items()}
    result["conll_f1"] = round(100 * scores["conll_f1"], 2)
    return result


def _score(mentions: Sequence[GoldEventMention], labels: dict[int, str]) -> dict:
    key = clusters_from_labels({i: m.chain for i, m in enumerate(mentions)})
    return _percent(score_coreference(key, clusters_from_labels(labels)))


def read_conll_key(path: str | Path) -> list[frozenset[int]]:
    """Clusters of a mention-based CoNLL key (one mention a line, "(n)"), mentions numbered by line."""
    labels = {}
    number = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        labels[number] = line.split("\t")[-1].strip().strip("()")
        number += 1
    return clusters_from_labels(labels)


def check_test_key(data_dir: str | Path, mentions: Sequence[GoldEventMention]) -> dict:
    """The official test key scored against itself, and whether its clusters have our gold clusters' sizes."""
    path = Path(data_dir) / TEST_KEY
    if not path.exists():
        return {"key_found": False}
    key = read_conll_key(path)
    ours = clusters_from_labels({i: m.chain for i, m in enumerate(mentions)})
    return {
        "key_found": True,
        "key_mentions": sum(len(c) for c in key),
        "key_self_conll_f1": round(100 * score_coreference(key, key)["conll_f1"], 2),
        "same_cluster_sizes": sorted(len(c) for c in key) == sorted(len(c) for c in ours),
    }


def evaluate_ecbplus(data_dir: str | Path, split: str = "test", method: str = "model",
                     grouping: str = "subtopic", weights: CorefWeights | None = None,
                     mentions: Sequence[GoldEventMention] | None = None, embedder=None,
                     cross_encoder: str | Path | None = None) -> dict:
    """MUC, B-cubed, CEAF-e and CoNLL F1 (percent) of one method on one ECB+ split with gold mentions.

    method "cross_encoder" needs `cross_encoder`, a folder built by `align.train_cross_encoder`.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    mentions = mentions if mentions is not None else read_split(data_dir, split)
    blocks = group_mentions(mentions, grouping)
    if method == "lemma":
        block_clusters = [cluster_by_lemma([mentions[i].mention for i in block]) for block in blocks]
    elif method == "cross_encoder":
        if cross_encoder is None:
            raise ValueError("method 'cross_encoder' needs the cross_encoder model folder")
        block_clusters, combination = _cross_encoder_clusters(mentions, blocks, cross_encoder, embedder)
    else:
        weights = weights or DEFAULT_WEIGHTS
        embedder = embedder or _default_embedder()
        block_clusters = [cluster_by_score(pair_probability(features, weights), weights.threshold)
                          for features in _block_features(mentions, blocks, embedder)]
    labels = _clusters_to_labels(blocks, block_clusters)
    result = {
        "split": split,
        "method": method,
        "grouping": f"gold {grouping}",
        "mentions": len(mentions),
        "gold_clusters": len({m.chain for m in mentions}),
        "system_clusters": len(set(labels.values())),
        **_score(mentions, labels),
    }
    if method == "model":
        result["threshold"] = weights.threshold
    if method == "cross_encoder":
        result.update(threshold=combination.threshold, candidates_per_mention=combination.k, model=str(cross_encoder))
    return result


def _cross_encoder_clusters(mentions: Sequence[GoldEventMention], blocks: list[list[int]],
                            model_dir: str | Path, embedder=None) -> tuple[list[list[list[int]]], object]:
    """Clusters of each block with the cross-encoder's logit joined to the shipped first pass."""
    from ..align.cross_encoder import (
        PairCrossEncoder,
        candidate_pairs,
        combined_probability,
        cross_matrices,
    )
    from ..errors import ConsilienceError

    encoder = PairCrossEncoder(model_dir)
    combination = encoder.combination
    if combination is None:
        raise ConsilienceError(f"{model_dir}: no combination.json beside the model. Join it on dev with "
                               "`python -m consilience.align.train_cross_encoder --encoder DIR ...`.")
    clusters = []
    for block, features in zip(blocks, _block_features(mentions, blocks, embedder or _default_embedder())):
        first = score_pairs(features, DEFAULT_WEIGHTS)
        first = (first + first.T) / 2.0
        pairs = candidate_pairs(first, combination.k)
        logits = encoder.score_pairs([mentions[i].mention for i in block], pairs)
        cross, mask = cross_matrices(len(block), pairs, logits)
        clusters.append(cluster_by_score(combined_probability(first, cross, mask, combination), combination.threshold))
    return clusters, combination


def _default_embedder():
    from ..stories.embed import load_embedder

    return CachedEmbedder(load_embedder("minilm"))


def _pair_rows(mentions: Sequence[GoldEventMention], blocks: list[list[int]],
               features: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and same-chain labels of every unordered pair inside the blocks."""
    rows, labels = [], []
    for block, block_features in zip(blocks, features):
        chains = np.array([mentions[i].chain for i in block], dtype=object)
        upper = np.triu_indices(len(block), k=1)
        rows.append(block_features[upper])
        labels.append((chains[:, None] == chains[None, :])[upper])
    return np.concatenate(rows), np.concatenate(labels).astype(int)


def _fit_passes(mentions: Sequence[GoldEventMention], blocks: list[list[int]],
                features: Sequence[np.ndarray]) -> tuple[CorefWeights, int, int]:
    """Both logistic passes fitted on the pairs of the blocks (threshold left at 0.5), with pair counts."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = _pair_rows(mentions, blocks, features)
    model = LogisticRegression(C=1.0, max_iter=2000).fit(rows, labels)
    weights = CorefWeights(
        coefficients={name: round(float(c), 4) for name, c in zip(FEATURES, model.coef_[0])},
        intercept=round(float(model.intercept_[0]), 4),
        threshold=0.5,
    )
    # The second pass learns from the first pass's own train probabilities (few weights: little overfit).
    second = [second_order_features(pair_probability(f, weights)) for f in features]
    refine_rows, refine_labels = _pair_rows(mentions, blocks, second)
    refine = LogisticRegression(C=1.0, max_iter=2000).fit(refine_rows, refine_labels)
    weights.refine = RefineWeights(
        coefficients={name: round(float(c), 4) for name, c in zip(REFINE_FEATURES, refine.coef_[0])},
        intercept=round(float(refine.intercept_[0]), 4),
    )
    return weights, len(labels), int(labels.sum())


def _threshold_curve(mentions: Sequence[GoldEventMention], blocks: list[list[int]], features: Sequence[np.ndarray],
                     weights: CorefWeights, thresholds: Sequence[float]) -> dict[float, float]:
    """CoNLL F1 of the blocks' mentions at each clustering threshold."""
    probabilities = [pair_probability(f, weights) for f in features]
    curve = {}
    for threshold in thresholds:
        clusters = [cluster_by_score(p, float(threshold)) for p in probabilities]
        curve[float(threshold)] = _score(mentions, _clusters_to_labels(blocks, clusters))["conll_f1"]
    return curve


def _select_blocks(mentions: Sequence[GoldEventMention], blocks: list[list[int]], features: Sequence[np.ndarray],
                   keep: Sequence[bool]) -> tuple[list[GoldEventMention], list[list[int]], list[np.ndarray]]:
    """The kept blocks with their mentions renumbered from 0, so they can be scored on their own."""
    chosen_mentions: list[GoldEventMention] = []
    chosen_blocks, chosen_features = [], []
    for block, block_features, kept in zip(blocks, features, keep):
        if kept:
            chosen_blocks.append(list(range(len(chosen_mentions), len(chosen_mentions) + len(block))))
            chosen_mentions.extend(mentions[i] for i in block)
            chosen_features.append(block_features)
    return chosen_mentions, chosen_blocks, chosen_features


def cross_validate_threshold(mentions: Sequence[GoldEventMention], blocks: list[list[int]],
                             features: Sequence[np.ndarray], thresholds: Sequence[float],
                             folds: int = 5) -> dict[float, float]:
    """Mean CoNLL F1 at each threshold over topic folds: fit on the other folds' topics, score the held-out one."""
    topics = sorted({mentions[block[0]].topic for block in blocks}, key=lambda t: (len(t), t))
    if len(topics) < 2 or folds < 2:
        raise ValueError(f"cross-validation needs 2 or more folds and topics, got {folds} folds, {len(topics)} topics")
    fold_of = {topic: number % folds for number, topic in enumerate(topics)}
    block_fold = [fold_of[mentions[block[0]].topic] for block in blocks]
    curves = []
    for fold in sorted(set(block_fold)):
        fitted, _, _ = _fit_passes(*_select_blocks(mentions, blocks, features, [f != fold for f in block_fold]))
        held_out = _select_blocks(mentions, blocks, features, [f == fold for f in block_fold])
        curves.append(_threshold_curve(*held_out, fitted, thresholds))
    return {t: round(float(np.mean([curve[t] for curve in curves])), 2) for t in curves[0]}


def fit_weights(data_dir: str | Path, grouping: str = "subtopic", embedder=None,
                thresholds: Sequence[float] = tuple(np.round(np.arange(0.20, 0.86, 0.025), 3)),
                fit_on: Sequence[str] = ("train",), folds: int = 5) -> dict:
    """Fit the pair weights and the second pass on the `fit_on` splits, then pick the clustering threshold.

    Fitted on train alone, the threshold is the best on dev; fitted on more splits (train and dev),
    it is the best mean over topic folds of those splits (`cross_validate_threshold`), so no split
    outside `fit_on` is read.
    """
    embedder = embedder or _default_embedder()
    mentions = [m for split in fit_on for m in read_split(data_dir, split)]
    blocks = group_mentions(mentions, grouping)
    features = _block_features(mentions, blocks, embedder)
    weights, pairs, positive = _fit_passes(mentions, blocks, features)
    if tuple(fit_on) == ("train",):
        dev = read_split(data_dir, "dev")
        dev_blocks = group_mentions(dev, grouping)
        curve = _threshold_curve(dev, dev_blocks, _block_features(dev, dev_blocks, embedder), weights, thresholds)
        chosen_by = "dev"
    else:
        curve = cross_validate_threshold(mentions, blocks, features, thresholds, folds)
        chosen_by = f"{folds}-fold topic cross-validation on {' + '.join(fit_on)}"
    weights.threshold = max(curve, key=curve.get)
    return {"weights": weights, "fit_on": list(fit_on), "train_pairs": pairs, "train_positive": positive,
            "threshold_chosen_by": chosen_by, "conll_by_threshold": curve}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", help="the ecbplus folder (or its cybulska_setup folder)")
    parser.add_argument("--split", default="test", choices=sorted(SPLITS))
    parser.add_argument("--method", default="both", choices=["lemma", "model", "both"])
    parser.add_argument("--grouping", default="subtopic", choices=["subtopic", "topic"])
    parser.add_argument("--fit", action="store_true", help="refit the weights on train, tune the threshold on dev")
    parser.add_argument("--fit-on", nargs="+", default=["train"], choices=["train", "dev"],
                        help="splits to fit on with --fit; with dev among them the threshold is cross-validated")
    parser.add_argument("--folds", type=int, default=5, help="topic folds for the cross-validated threshold")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    report: dict = {}
    weights = None
    if args.fit:
        fitted = fit_weights(args.data_dir, args.grouping, fit_on=args.fit_on, folds=args.folds)
        weights = fitted["weights"]
        report["fit"] = {**fitted, "weights": asdict(weights)}
    mentions = read_split(args.data_dir, args.split)
    for method in ("lemma", "model") if args.method == "both" else (args.method,):
        report[method] = evaluate_ecbplus(args.data_dir, args.split, method, args.grouping, weights, mentions)
    if args.split == "test":
        report["key_check"] = check_test_key(args.data_dir, mentions)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
