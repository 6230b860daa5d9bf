"""Sentences/s of the torch and the int8 ONNX MiniLM embedders on the same sentences, in one run.

The sentences come from hand-written templates (deterministic, written for this benchmark).
"""

from __future__ import annotations

import os
import random
import statistics
import time

SUBJECTS = ["The interior ministry", "A spokesperson for the regional hospital", "Police in the northern province",
            "The central bank", "Opposition lawmakers", "Residents of the flooded village",
            "The company's chief executive",
            "United Nations monitors", "Local officials", "A senior diplomat who asked not to be named",
            "Firefighters", "The health agency", "Union leaders", "The army", "Election observers"]
VERBS = ["said", "confirmed", "denied", "reported", "warned", "claimed", "announced", "estimated", "insisted"]
CLAIMS = ["that at least {n} people had been killed in the explosion",
          "that the talks would resume on {day}",
          "that interest rates would rise by {p} percentage points",
          "the ceasefire had been violated {n} times overnight",
          "that {n} homes were destroyed when the river burst its banks",
          "that the factory had been closed since {day} after a chemical leak",
          "that no decision had yet been taken on the pipeline project",
          "that about {n} protesters gathered outside parliament despite a ban",
          "that the minister would resign if the budget failed to pass",
          "the suspect was arrested near the border on {day}",
          "that vaccination rates in rural districts remained below {p} percent",
          "that exports fell {p} percent in the third quarter compared with a year earlier",
          "that rescue teams were still searching the rubble for survivors",
          "the wildfire had spread across {n} hectares of forest and farmland"]
TAILS = ["", ".", ", according to a statement.", ", adding that an investigation was under way.",
         " in an interview with a local radio station.", ", though the figures could not be independently verified.",
         ", a claim rejected by the government, which accused its critics of spreading panic and misinformation "
         "ahead of next month's vote in the capital and several contested provinces."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def news_sentences(count: int = 2000, seed: int = 7) -> list[str]:
    """`count` news-like sentences from the templates above, the same for a given seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        claim = rng.choice(CLAIMS).format(n=rng.randint(2, 900), day=rng.choice(DAYS), p=rng.randint(1, 40))
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {claim}{rng.choice(TAILS)}"
        if rng.random() < 0.15:  # some long, multi-clause sentences
            text += " " + f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAIMS)}".format(
                n=rng.randint(2, 900), day=rng.choice(DAYS), p=rng.randint(1, 40))
        out.append(text)
    return out


def measure_embedders(count: int = 2000, runs: int = 3) -> dict:
    """Median sentences/s of torch vs ONNX MiniLM (runs interleaved) and the cosine between them."""
    from ..stories.embed import load_embedder

    texts = news_sentences(count)
    load_before = os.getloadavg()
    embedders = {}
    load_s = {}
    for name in ("minilm-torch", "minilm"):
        started = time.perf_counter()
        embedders[name] = load_embedder(name)
        load_s[name] = round(time.perf_counter() - started, 2)
        embedders[name].encode(texts[:64])  # warm-up
    times: dict[str, list[float]] = {name: [] for name in embedders}
    for _ in range(runs):  # interleaved, so a load spike on a shared machine hits both
        for name, embedder in embedders.items():
            started = time.perf_counter()
            embedder.encode(texts)
            times[name].append(time.perf_counter() - started)
    cosine = (embedders["minilm-torch"].encode(texts) * embedders["minilm"].encode(texts)).sum(axis=1)
    rate = {name: len(texts) / statistics.median(ts) for name, ts in times.items()}
    return {
        "sentences": len(texts),
        "embedders": {name: type(e).__name__ for name, e in embedders.items()},
        "load_s": load_s,
        "torch_per_s": round(rate["minilm-torch"], 1),
        "onnx_per_s": round(rate["minilm"], 1),
        "ratio_onnx_to_torch": round(rate["minilm"] / rate["minilm-torch"], 2),
        "runs_s": {name: [round(t, 3) for t in ts] for name, ts in times.items()},
        "cosine_mean": round(float(cosine.mean()), 4),
        "cosine_min": round(float(cosine.min()), 4),
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
    }
