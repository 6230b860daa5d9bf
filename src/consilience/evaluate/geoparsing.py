"""Geoparsing benchmark: toponym recognition P/R/F1 and resolution Acc@161 km on LGL and GeoWebNews.

Data (not shipped; see /work/shared/eval/geoparsing/SOURCE.txt), from
milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation (Gritta et al. 2020):
  lgl: data/Corpora/lgl.xml — 588 local-news articles; toponyms with offsets and GeoNames lat/lon.
  gwn: data/Geocoding/gwn_full.txt + data/Geocoding/files/<n> — GeoWebNews gold
       ("name,,mention,,lat,,lon,,start,,end||..." per line n, text of article n in files/<n>).
Acc@161 is the share of gold toponyms resolved within 161 km (100 miles) of the gold point,
unresolved ones counting as misses (Gritta et al. 2018). The resolver is given every gold span
(the standard protocol, apart from recognition); `acc_at_161km_end_to_end` instead counts a gold
toponym only where our own recognizer found an overlapping span and resolved it within 161 km;
`acc_at_161km_guessing_unknown` lets names the gazetteer lacks be guessed at a nearby place.
Recognition compares predicted spans with all gold spans, exactly and by overlap.

Dev sets for tuning (lgl and gwn are the reported test sets):
  trnews: data/Corpora/TR-News.xml — 118 articles in the LGL layout; demonyms count as toponyms
  (as in lgl and gwn: see COUNTS_DEMONYMS).
  geovirus: data/Corpora/GeoVirus.xml — 229 WikiNews articles, Wikipedia lat/lon, offsets one off.

Run: python -m consilience.evaluate.geoparsing /work/shared/eval/geoparsing --dataset lgl [--no-demonyms]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..annotate.place_geometry import haversine_km
from ..errors import ConsilienceError

ACCURACY_KM = 161.0
GUIDE = "Pragmatic-Guide-to-Geoparsing-Evaluation/data"


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass
class GoldDocument:
    id: str
    text: str
    toponyms: list[GoldToponym]


def read_lgl(data_dir: Path) -> list[GoldDocument]:
    """LGL articles from lgl.xml; toponyms without a gazetteer tag keep lat/lon None."""
    return read_toponym_xml(data_dir / GUIDE / "Corpora" / "lgl.xml")


def read_trnews(data_dir: Path) -> list[GoldDocument]:
    """TR-News articles (dev set): the LGL layout, in TR-News.xml."""
    return read_toponym_xml(data_dir / GUIDE / "Corpora" / "TR-News.xml")


def read_toponym_xml(path: Path) -> list[GoldDocument]:
    """Articles in the LGL XML layout: <article><text/><toponyms><toponym><start/><end/><phrase/><gaztag>."""
    root = ET.parse(path).getroot()
    docs = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            lat = tag.findtext("lat") if tag is not None else None
            lon = tag.findtext("lon") if tag is not None else None
            phrase = t.findtext("phrase") or ""
            start, end = realign_span(text, phrase, int(t.findtext("start")), int(t.findtext("end")))
            toponyms.append(GoldToponym(start, end, phrase, float(lat) if lat else None, float(lon) if lon else None))
        docs.append(GoldDocument(article.get("docid", str(len(docs))), text, toponyms))
    return docs


def realign_span(text: str, phrase: str, start: int, end: int, window: int = 60) -> tuple[int, int]:
    """The offsets of `phrase` nearest to the given ones when those do not slice it out.

    Some TR-News articles count offsets over a differently encoded text, drifting a few
    characters; the phrase is then found within `window` characters. Spans that match, or
    whose phrase is not nearby, are kept as given.
    """
    if not phrase or text[start:end] == phrase:
        return start, end
    lo = max(0, start - window)
    found = [i for i in _occurrences(text, phrase, lo, start + window + len(phrase))]
    if not found:
        return start, end
    best = min(found, key=lambda i: abs(i - start))
    return best, best + len(phrase)


def _occurrences(text: str, phrase: str, lo: int, hi: int):
    i = text.find(phrase, lo, hi)
    while i != -1:
        yield i
        i = text.find(phrase, i + 1, hi)


def read_gwn(data_dir: Path) -> list[GoldDocument]:
    """GeoWebNews resolution gold: line n of gwn_full.txt annotates files/n."""
    base = data_dir / GUIDE / "Geocoding"
    lines = (base / "gwn_full.txt").read_text(encoding="utf-8").split("\n")
    docs = []
    for n, line in enumerate(lines):
        path = base / "files" / str(n)
        if not path.exists():
            continue
        toponyms = []
        for item in filter(None, line.split("||")):
            _name, mention, lat, lon, start, end = item.split(",,")[:6]
            toponyms.append(GoldToponym(int(start), int(end), mention, float(lat), float(lon)))
        docs.append(GoldDocument(str(n), path.read_text(encoding="utf-8"), toponyms))
    return docs


def read_geovirus(data_dir: Path) -> list[GoldDocument]:
    """GeoVirus WikiNews articles (dev set): <article><text/><locations><location> with Wikipedia lat/lon."""
    root = ET.parse(data_dir / GUIDE / "Corpora" / "GeoVirus.xml").getroot()
    docs = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for loc in article.iter("location"):
            name, start, end = loc.findtext("name") or "", int(loc.findtext("start")), int(loc.findtext("end"))
            # The file's offsets are one past the text's (counted from 1); a few are not: keep those.
            if text[start:end] != name and text[start - 1 : end - 1] == name:
                start, end = start - 1, end - 1
            toponyms.append(GoldToponym(start, end, name, float(loc.findtext("lat")), float(loc.findtext("lon"))))
        docs.append(GoldDocument(article.findtext("source") or str(len(docs)), text, toponyms))
    return docs


# lgl and gwn are the reported test sets; trnews and geovirus are for tuning.
READERS = {"lgl": read_lgl, "gwn": read_gwn, "trnews": read_trnews, "geovirus": read_geovirus}

# Gold sets whose annotators tagged demonyms ("Syrian", "European") as toponyms: GeoWebNews by its
# guidelines (Gritta et al. 2020's "Demonym" type), and by count LGL (326 of 5,088 gold spans)
# and TR-News (128 of 1,319); GeoVirus has none. Recognition is scored with them by default there.
COUNTS_DEMONYMS = frozenset({"lgl", "gwn", "trnews"})


def evaluate_geoparsing(
    data_dir: str | Path, dataset: str = "lgl", limit: int | None = None, demonyms: bool | None = None, errors_to: str | Path | None = None
) -> dict:
    """Recognition P/R/F1 and resolution Acc@161 of annotate.places on one gold set.

    `demonyms`: recognise demonyms as country (or continent) mentions; None: as the gold set
    does (COUNTS_DEMONYMS).
    `errors_to`: write one JSON line per gold toponym resolved beyond 161 km or not at all,
    and per missed or spurious span, for error analysis on the dev sets.
    """
    from ..annotate.gazetteer import load_gazetteer
    from ..annotate.nlp import load_nlp
    from ..annotate.places import find_places, resolve_spans

    if dataset not in READERS:
        raise ConsilienceError(f"unknown geoparsing dataset {dataset!r}: use one of {sorted(READERS)}.")
    data_dir = Path(data_dir)
    if not (data_dir / GUIDE).is_dir():
        raise ConsilienceError(f"{data_dir}: no {GUIDE} folder. Point at the geoparsing eval folder.")
    docs = READERS[dataset](data_dir)[:limit]
    if demonyms is None:
        demonyms = dataset in COUNTS_DEMONYMS
    gazetteer = load_gazetteer()
    nlp = load_nlp()

    exact = overlap_pred = overlap_gold = predicted = gold_spans = 0
    scored = within = unresolved = as_country = country_within = end_to_end = guessed_within = far_with_candidate = 0
    unresolved_with_candidate = 0
    errors: list[float] = []
    dump: list[dict] = []
    for gold, doc in zip(docs, nlp.pipe(d.text for d in docs)):
        mentions = find_places(doc, demonyms=demonyms)
        spans = {(t.start, t.end) for t in gold.toponyms}
        guesses = {(m.start, m.end) for m in mentions}
        predicted += len(guesses)
        gold_spans += len(spans)
        exact += len(spans & guesses)
        overlap_pred += sum(any(s < ge and gs < e for gs, ge in spans) for s, e in guesses)
        overlap_gold += sum(any(s < ge and gs < e for gs, ge in guesses) for s, e in spans)
        if errors_to is not None:
            dump.extend(_recognition_errors(gold, mentions))

        located = [t for t in gold.toponyms if t.lat is not None and 0 <= t.start < t.end <= len(gold.text)]
        end_to_end += _found_within(located, mentions)
        wanted = sorted({(t.start, t.end) for t in located})
        resolved = {(m.start, m.end): m.place for m in resolve_spans(doc, wanted)}
        guessed = {(m.start, m.end): m.place for m in resolve_spans(doc, wanted, guess_unknown=True)}
        guessed_within += sum(_within(t, guessed.get((t.start, t.end))) for t in located)
        for t in located:
            scored += 1
            place = resolved.get((t.start, t.end))
            if place is None or place.lat is None:
                unresolved += 1
                unresolved_with_candidate += _has_candidate_within(gazetteer, t)
                if errors_to is not None:
                    dump.append(_resolution_error(gold, t, None, None))
                continue
            km = haversine_km(t.lat, t.lon, place.lat, place.lon)
            if km > ACCURACY_KM:
                far_with_candidate += _has_candidate_within(gazetteer, t)
            if errors_to is not None and km > ACCURACY_KM:
                dump.append(_resolution_error(gold, t, place, km))
            errors.append(km)
            within += km <= ACCURACY_KM
            if place.feature == "country":
                # Country points are a hand-kept table of GeoNames' (or derived): tracked apart.
                as_country += 1
                country_within += km <= ACCURACY_KM

    if errors_to is not None:
        Path(errors_to).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in dump), encoding="utf-8")
    precision = exact / predicted if predicted else 0.0
    recall = exact / gold_spans if gold_spans else 0.0
    lenient_p = overlap_pred / predicted if predicted else 0.0
    lenient_r = overlap_gold / gold_spans if gold_spans else 0.0
    return {
        "dataset": dataset,
        "demonyms": demonyms,
        "documents": len(docs),
        "recognition": {
            "gold": gold_spans, "predicted": predicted,
            "exact": _prf(precision, recall), "overlap": _prf(lenient_p, lenient_r),
        },
        "resolution": {
            "gold_with_coordinates": scored,
            "acc_at_161km": round(within / scored, 4) if scored else 0.0,
            "acc_at_161km_end_to_end": round(end_to_end / scored, 4) if scored else 0.0,
            # With find_places(guess_unknown=True): names the gazetteer lacks guessed at a nearby place.
            "acc_at_161km_guessing_unknown": round(guessed_within / scored, 4) if scored else 0.0,
            "unresolved": unresolved,
            # Misses beyond 161 km split by whether the gazetteer holds a place of that name near
            # the gold point: a wrong choice among candidates, or a name whose place it lacks.
            "far_choosing_wrong_candidate": far_with_candidate,
            "far_lacking_the_place": scored - within - unresolved - far_with_candidate,
            "unresolved_with_a_candidate_near": unresolved_with_candidate,
            # The most any choice among the gazetteer's readings of the gold names could score: a
            # toponym counts if it is resolved within 161 km now, or if some reading of its name
            # (exact, core, landmark, demonym, spelling variant) lies within 161 km of the gold point.
            "acc_at_161km_gazetteer_ceiling": round((within + far_with_candidate + unresolved_with_candidate) / scored, 4) if scored else 0.0,
            "resolved_to_country": as_country,
            "acc_at_161km_resolved_to_country": round(country_within / as_country, 4) if as_country else None,
            "acc_at_161km_other": round((within - country_within) / (scored - as_country), 4) if scored > as_country else None,
            "median_error_km": round(statistics.median(errors), 1) if errors else None,
            "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        },
    }


def _resolution_error(gold: GoldDocument, t: GoldToponym, place, km: float | None) -> dict:
    """One resolution miss: the gold toponym, its context and what we chose."""
    return {
        "kind": "unresolved" if place is None else "far",
        "doc": gold.id, "text": t.text, "gold": [t.lat, t.lon],
        "chosen": None if place is None else [place.name, place.country_code, place.feature, place.lat, place.lon],
        "km": None if km is None else round(km),
        "context": gold.text[max(0, t.start - 60) : t.end + 60].replace("\n", " "),
    }


def _recognition_errors(gold: GoldDocument, mentions: list) -> list[dict]:
    """Gold spans no mention overlaps ("missed") and mentions no gold span overlaps ("spurious")."""
    out = []
    for t in gold.toponyms:
        if not any(m.start < t.end and t.start < m.end for m in mentions):
            out.append({"kind": "missed", "doc": gold.id, "text": t.text, "context": gold.text[max(0, t.start - 60) : t.end + 60].replace("\n", " ")})
    for m in mentions:
        if not any(t.start < m.end and m.start < t.end for t in gold.toponyms):
            out.append({"kind": "spurious", "doc": gold.id, "text": m.text, "context": gold.text[max(0, m.start - 60) : m.end + 60].replace("\n", " ")})
    return out


def _has_candidate_within(gazetteer, t: GoldToponym) -> bool:
    """Whether a gazetteer entry the gold name can be read as lies within 161 km of the gold point.

    Every reading the resolver may use counts: the name itself, its core ("Southern California"),
    the town a landmark's name starts with, the country of a demonym, and the closest spelling
    variant among big places."""
    matches = (gazetteer.lookup(t.text), gazetteer.lookup_core(t.text), gazetteer.lookup_landmark(t.text),
               gazetteer.lookup_demonym(t.text), gazetteer.lookup_fuzzy(t.text))
    return any(
        not math.isnan(gazetteer.lat[r]) and haversine_km(t.lat, t.lon, gazetteer.lat[r], gazetteer.lon[r]) <= ACCURACY_KM
        for match in matches if match is not None for r in match.rows
    )


def _within(t: GoldToponym, place) -> bool:
    return place is not None and place.lat is not None and haversine_km(t.lat, t.lon, place.lat, place.lon) <= ACCURACY_KM


def _found_within(toponyms: list[GoldToponym], mentions: list) -> int:
    """Gold toponyms that a recognised, overlapping mention resolves within 161 km."""
    hits = 0
    for t in toponyms:
        for m in mentions:
            if m.start < t.end and t.start < m.end and m.place is not None and m.place.lat is not None:
                hits += haversine_km(t.lat, t.lon, m.place.lat, m.place.lon) <= ACCURACY_KM
                break
    return hits


def _prf(p: float, r: float) -> dict:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--dataset", choices=sorted(READERS), default="lgl")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--demonyms", action=argparse.BooleanOptionalAction, default=None,
                        help="count demonyms ('Syrian') as country mentions (default: as the gold set does)")
    parser.add_argument("--errors", default=None, help="write resolution and recognition errors here as JSON lines")
    args = parser.parse_args(argv)
    print(json.dumps(evaluate_geoparsing(args.data_dir, args.dataset, args.limit, args.demonyms, args.errors), indent=2))


if __name__ == "__main__":
    main()
