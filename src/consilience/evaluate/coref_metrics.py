"""Coreference scores: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1.

Follows the definitions the CoNLL-2012 reference scorer implements (Pradhan et al. 2014,
"Scoring coreference partitions of predicted mentions: a reference implementation"):

- MUC (Vilain et al. 1995): links. Recall = sum_K (|K| - p(K)) / sum_K (|K| - 1), where p(K) is
  the number of pieces the response cuts key cluster K into (a mention the response lacks is a
  piece of its own). Precision swaps key and response. Singletons carry no links, so they count
  for nothing here.
- B-cubed (Bagga & Baldwin 1998): per mention. Recall = sum_K sum_R |K n R|^2 / |K| over all key
  mentions; precision the same over response clusters and response mentions.
- CEAF-e (Luo 2005): the best one-to-one alignment of key and response clusters under
  phi4(K, R) = 2 |K n R| / (|K| + |R|); recall = total / #key clusters, precision = total / #response.

Clusters are collections of hashable mention ids; key and response may hold different mentions
(predicted mentions), though with gold mentions they hold the same ones. Every score is a fraction.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = list[frozenset]


def clusters_from_labels(labels: Mapping[Hashable, Hashable]) -> Clusters:
    """Clusters from a mention -> cluster-label mapping (every mention lands in exactly one cluster)."""
    groups: dict[Hashable, set] = {}
    for mention, label in labels.items():
        groups.setdefault(label, set()).add(mention)
    return [frozenset(group) for group in groups.values()]


def _as_clusters(clusters: Iterable[Collection[Hashable]]) -> Clusters:
    result = [frozenset(cluster) for cluster in clusters if cluster]
    seen: set = set()
    for cluster in result:
        if seen & cluster:
            raise ValueError("a mention appears in two clusters: clusters must be disjoint")
        seen |= cluster
    return result


def _prf(recall_num: float, recall_den: float, precision_num: float, precision_den: float) -> dict[str, float]:
    recall = recall_num / recall_den if recall_den else 0.0
    precision = precision_num / precision_den if precision_den else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"recall": recall, "precision": precision, "f1": f1}


def _muc_side(key: Clusters, response: Clusters) -> tuple[int, int]:
    """(numerator, denominator) of MUC recall of `response` against `key`."""
    cluster_of = {mention: index for index, cluster in enumerate(response) for mention in cluster}
    numerator = denominator = 0
    for cluster in key:
        # Mentions the response lacks each form a piece of their own.
        pieces = {cluster_of.get(mention, ("missing", mention)) for mention in cluster}
        numerator += len(cluster) - len(pieces)
        denominator += len(cluster) - 1
    return numerator, denominator


def score_muc(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> dict[str, float]:
    """MUC recall, precision and F1."""
    key, response = _as_clusters(key), _as_clusters(response)
    recall_num, recall_den = _muc_side(key, response)
    precision_num, precision_den = _muc_side(response, key)
    return _prf(recall_num, recall_den, precision_num, precision_den)


def _b_cubed_side(key: Clusters, response: Clusters) -> tuple[float, int]:
    cluster_of = {mention: index for index, cluster in enumerate(response) for mention in cluster}
    numerator = 0.0
    for cluster in key:
        overlaps: dict[int, int] = {}
        for mention in cluster:
            if mention in cluster_of:
                overlaps[cluster_of[mention]] = overlaps.get(cluster_of[mention], 0) + 1
        numerator += sum(count * count for count in overlaps.values()) / len(cluster)
    return numerator, sum(len(cluster) for cluster in key)


def score_b_cubed(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> dict[str, float]:
    """B-cubed recall, precision and F1 (singletons included)."""
    key, response = _as_clusters(key), _as_clusters(response)
    recall_num, recall_den = _b_cubed_side(key, response)
    precision_num, precision_den = _b_cubed_side(response, key)
    return _prf(recall_num, recall_den, precision_num, precision_den)


def score_ceaf_e(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> dict[str, float]:
    """Entity-based CEAF (phi4) recall, precision and F1."""
    key, response = _as_clusters(key), _as_clusters(response)
    if not key or not response:
        return _prf(0.0, len(key), 0.0, len(response))
    index_of = {mention: index for index, cluster in enumerate(response) for mention in cluster}
    similarity = np.zeros((len(key), len(response)))
    for row, cluster in enumerate(key):
        for mention in cluster:
            if mention in index_of:
                similarity[row, index_of[mention]] += 1.0
    sizes_key = np.array([len(cluster) for cluster in key], dtype=float)[:, None]
    sizes_response = np.array([len(cluster) for cluster in response], dtype=float)[None, :]
    similarity = 2.0 * similarity / (sizes_key + sizes_response)
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, columns].sum())
    return _prf(total, len(key), total, len(response))


def score_coreference(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> dict:
    """MUC, B-cubed, CEAF-e (each recall/precision/F1) and `conll_f1`, their F1 mean; all fractions."""
    key, response = _as_clusters(key), _as_clusters(response)
    scores: dict = {
        "muc": score_muc(key, response),
        "b_cubed": score_b_cubed(key, response),
        "ceaf_e": score_ceaf_e(key, response),
    }
    scores["conll_f1"] = (scores["muc"]["f1"] + scores["b_cubed"]["f1"] + scores["ceaf_e"]["f1"]) / 3
    return scores
