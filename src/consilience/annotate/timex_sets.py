"""Rules for repeated times (TIMEX3 SET): "every week" -> P1W, "each July" -> XXXX-07, "twice a year", "daily"."""

from __future__ import annotations

import re
from datetime import date

from .timex_durations import format_duration, read_count
from .timex_model import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS, Timex

_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
                "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H"}


def _rule_set(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    unit = m["unit"]
    if unit in WEEKDAYS:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[unit]}")
    if unit in MONTHS:
        return Timex("SET", f"XXXX-{MONTHS[unit]:02d}")  # "each July"
    if unit in SEASONS or unit == "weekend":
        if m["every"] not in ("every", "each"):
            return None  # "a summer job", "a weekend trip": one of them, no repetition
        # "every summer", "each weekend": TIMEX3 SETs like "each July"
        return Timex("SET", f"XXXX-{SEASONS[unit]}" if unit in SEASONS else "XXXX-WXX-WE")
    if unit in ("morning", "evening"):
        return Timex("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    return Timex("SET", {"day": "P1D", "night": "P1D", "weekday": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q",
                         "year": "P1Y", "hour": "PT1H"}[unit])


def _rule_set_times(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"twice a week": the period repeats (TimeML puts the count in freq, which the value does not carry)."""
    return Timex("SET", format_duration(1.0, m["unit"]))


def _rule_set_every(m: re.Match, ref: date | None, direction: str | None = None) -> Timex | None:
    """"every two years" -> P2Y, "every few weeks" -> PXW: the period between repetitions."""
    count = read_count(m["num"])
    return None if count is None else Timex("SET", format_duration(count, m["unit"]))


def _rule_set_adv(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    return Timex("SET", _SET_ADVERBS[m["adv"]])


def _rule_weekdays(m: re.Match, ref: date | None, direction: str | None = None) -> Timex:
    """"Mondays", "on Tuesday nights": a plural weekday repeats every week (TimeML SET XXXX-WXX-2TNI)."""
    value = f"XXXX-WXX-{WEEKDAYS[m['weekday']]}"
    return Timex("SET", f"{value}T{PARTS_OF_DAY[m['part']]}" if m["part"] else value)


SET_RULES = {"weekdays": _rule_weekdays, "set": _rule_set, "set_every": _rule_set_every, "set_times": _rule_set_times, "set_adv": _rule_set_adv}
