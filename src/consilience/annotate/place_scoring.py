"""Ranking a toponym's gazetteer candidates: feature, population, and the text's context.

Scores are on a log-population scale; context (countries and states the text names, its other
places nearby) adds bonuses on the same scale (Leidner 2007; Lieberman et al. 2010).
"""

from __future__ import annotations

import math

from rapidfuzz import fuzz

from .gazetteer import Gazetteer, strip_article
from .place_context import STATE_CITY_POPULATION, Context, Support
from .place_geometry import nearest_km
from .place_recognition import Toponym, own_key

# Scores are on a log-population scale: 1.5 points = a factor of 10 in population.
POPULATION_WEIGHT = 1.5
COUNTRY_SCORE = 20.0  # a country name resolves to the country, not "Mexico" City...
COUNTRY_AS_US_STATE_SCORE = 7.0  # ...except "Georgia" in a US text that never names the country
REGION_SCORE = 9.0  # a state, province or continent outranks towns but not cities over ~1M
PROVINCE_SCORE = 8.5  # a first-level area known by its towns: a little below the hand-kept regions
DISTRICT_SCORE = 6.5  # a second-level area ("Suffolk"): a town of ~20,000 unless the text is in its country
COUNTY_SCORE = 9.0  # "X County" names only counties; among them the state named in the text decides
IN_COUNTRY_BONUS = 2.0  # the text (or the story) names the candidate's country
IN_REGION_BONUS = 2.0  # the text names the candidate's state or province ("Edmonton" in a Kentucky text)
SUPPORT_COUNTRY_BONUS = 1.0  # another place of the text lies in the candidate's country
SUPPORT_REGION_BONUS = 1.0  # ... or in its state or province
NEAR_BONUS = (1.5, 0.75)  # within 200 / 800 km of a confidently resolved place of the text
OTHER_NAME_PENALTY = 2.0  # the span matched an alternate name unlike the place's own ("Illinois" for Riverside)
COUNTY_FAR_BONUS = 0.75  # a county within 800 km of the text's places (as NEAR_BONUS[1] for towns)
COUNTY_TIE_KM_WEIGHT = 1e-4  # 0.1 points per 1,000 km: breaks ties between same-named counties


def rank_rows(
    toponym: Toponym,
    gazetteer: Gazetteer,
    context: Context,
    container: tuple[str, str | None, int] | None,
    support: Support,
    as_area: bool = False,
) -> tuple[int, float, str | None]:
    """The best candidate row, its lead over the runner-up, and a note when the choice was close.

    `as_area`: the context reads the name as a state or province (see `find_area_readings`)."""
    rows = toponym.rows
    if as_area:
        rows = tuple(r for r in rows if gazetteer.feature_of(r) in ("region", "province")) or rows
    if container is not None:
        cc, state, _ = container
        inside = [r for r in rows if gazetteer.country_code[r] == cc and (state is None or gazetteer.admin1[r] == state)]
        rows = tuple(inside) or rows
    key = strip_article(toponym.match.key)
    rows = _prefer_regions(gazetteer, rows, key)
    has_us_state = any(gazetteer.feature_of(r) == "region" and gazetteer.country_code[r] == "US" for r in rows)
    scored = sorted(((_score_row(gazetteer, r, key, context, has_us_state, support), r) for r in rows), reverse=True)
    best_score, best = scored[0]
    if len(scored) == 1:
        return best, math.inf, None
    margin = best_score - scored[1][0]
    if margin < 0.5:
        close = [r for s, r in scored if best_score - s < 0.5]
        names = ", ".join(f"{gazetteer.name[r]} ({gazetteer.country_code[r]})" for r in close[:3])
        return best, margin, f"ambiguous: {len(close)} candidates score alike ({names})"
    return best, margin, None


def _prefer_regions(gazetteer: Gazetteer, rows: tuple[int, ...], key: str) -> tuple[int, ...]:
    """A name that is a country's or a state's own ("California", "Oregon") means that area, not
    the small towns named after it: only cities big enough to rival it stay in the running."""
    if not any(gazetteer.feature_of(r) in ("country", "region") and own_key(gazetteer, r) == key for r in rows):
        return rows
    return tuple(r for r in rows if gazetteer.feature_of(r) != "city" or gazetteer.population[r] >= STATE_CITY_POPULATION)


def _score_row(
    gazetteer: Gazetteer, row: int, key: str, context: Context, has_us_state: bool, support: Support
) -> float:
    feature = gazetteer.feature_of(row)
    cc = gazetteer.country_code[row]
    if feature == "country":
        us_text = "US" in context.nearby and cc not in context.nearby
        return COUNTRY_AS_US_STATE_SCORE if has_us_state and us_text else COUNTRY_SCORE
    if feature == "region":
        # The country bonus lifts "Ontario" the province over Ontario, California in a Canadian
        # text; "Washington" the state and the city both get it, so the city still wins there.
        return REGION_SCORE + (IN_COUNTRY_BONUS if cc in context.countries else 0.0)
    if feature == "province":
        return PROVINCE_SCORE + (IN_COUNTRY_BONUS if cc in context.countries else 0.0) + (SUPPORT_COUNTRY_BONUS if cc in support.countries else 0.0)
    if feature == "district":
        score = DISTRICT_SCORE + (IN_COUNTRY_BONUS if cc in context.countries else 0.0)
        score += SUPPORT_COUNTRY_BONUS if cc in support.countries else 0.0
        score += SUPPORT_REGION_BONUS if (cc, gazetteer.admin1[row]) in support.regions else 0.0
        if support.points is not None:
            nearest = nearest_km(gazetteer.lat[row], gazetteer.lon[row], support.points)
            score += NEAR_BONUS[0] if nearest < 200 else NEAR_BONUS[1] if nearest < 800 else 0.0
        return score
    if feature == "county":
        score = COUNTY_SCORE + (IN_REGION_BONUS if (cc, gazetteer.admin1[row]) in context.regions else 0.0)
        if support.points is not None:
            nearest = nearest_km(gazetteer.lat[row], gazetteer.lon[row], support.points)
            score += NEAR_BONUS[0] if nearest < 200 else COUNTY_FAR_BONUS if nearest < 800 else 0.0
            score -= nearest * COUNTY_TIE_KM_WEIGHT  # of namesakes otherwise alike, the one nearest the text's places
        return score
    score = POPULATION_WEIGHT * math.log10(max(gazetteer.population[row], 0) + 10)
    if cc in context.countries:
        score += IN_COUNTRY_BONUS
    region = (cc, gazetteer.admin1[row])
    if region in context.regions:
        score += IN_REGION_BONUS
    if not _spells_own_name(gazetteer, row, key):
        score -= OTHER_NAME_PENALTY
    if support.points is not None:
        nearest = nearest_km(gazetteer.lat[row], gazetteer.lon[row], support.points)
        score += NEAR_BONUS[0] if nearest < 200 else NEAR_BONUS[1] if nearest < 800 else 0.0
    score += SUPPORT_COUNTRY_BONUS if cc in support.countries else 0.0
    score += SUPPORT_REGION_BONUS if region in support.regions else 0.0
    return score


def _spells_own_name(gazetteer: Gazetteer, row: int, key: str) -> bool:
    return fuzz.token_set_ratio(key, own_key(gazetteer, row)) >= 80
