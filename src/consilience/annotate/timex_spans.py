"""Trimming candidate time spans to TimeML extents.

spaCy's DATE/TIME entities follow OntoNotes, not TimeML: they swallow possessives ("last year's") and
adverbs ("just last week"), glue two expressions together ("the quarter ended Sept. 30") and tag
ages ("6-year-old"). TimeML as TimeBank/AQUAINT annotate it keeps quantifiers inside the extent ("about
two weeks", mod APPROX) and "earlier"/"later" before this/that year or month ("earlier this year"), but
leaves "earlier Friday" and "earlier this week" outside; it marks each expression separately and does
not annotate ages or bare numbers.
"""

from __future__ import annotations

import re

from .timex import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS
from .timex_durations import UNITS, read_count
from .timex_holidays import HOLIDAY_NAMES

# Words TimeML leaves outside the TIMEX3 extent (the value carries them as mod, or they are not temporal).
_LEADING = re.compile(
    r"^(?:(?:earlier|later)\s+(?!(?:this|that)\s+(?:year|month|morning|afternoon|evening)\b|that\s+day\b|in the year\b|yesterday\b)"
    r"|(?:just|only|barely|sometime|as early as|as long as|between)\s+"
    r"|the\s+years?\s+(?=\d{4}\b)"  # "the years 2006 through 2011": each year is the timex
    # "the Aug. 7, 1998, bombings", "both 1990 and 1991": the determiner belongs to the noun (TBAQ: 13 of 13)
    r"|the\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)|both\s+(?=\d{4}\b)"
    r"|(?:the\s+)?(?:early|small|wee)\s+hours\s+of\s+(?=\S)"  # "the early hours of Monday morning": Monday morning
    r"|some\s+(?!.*\bago$)"
    r"|in\s+(?=the\s+(?:day|week|month)\b)"  # "later in the day": TimeML leaves the preposition out
    # "its fourth quarter" (TimeBank: 12 of 13 leave the owner out), "a fourth-quarter charge", "an Aug. 10, 1988
    # meeting", "a 20th century democrat": the determiner belongs to the noun the date modifies
    r"|(?:its|their|his|her|our)\s+(?=\S)"
    r"|an?\s+(?=\d|(?:first|second|third|fourth)[ -]quarter\b|(?:" + "|".join(m for m in MONTHS if len(m) > 3 or m == "may")
    + r")\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.)"
    # "up from 17 last year", "voted 52 to 48 late Wednesday": the figure is no part of the date
    r"|\d[\d.,]*%?\s+(?=(?:last|this|next|late|early)\s|(?:" + "|".join(WEEKDAYS) + r")\b)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen)\s+"
    r"(?=(?:last|this|next)\s|an?\s+\w+\s+(?:ago|earlier)\b))",  # "up from seven a year ago": a spelled figure
    re.IGNORECASE,
)
# "a coup d'etat last year", "in an interview several months before": spaCy's DATE takes in the noun before a
# relative date; a word that is neither temporal nor a modifier of the date is no part of the extent
# ("the ceremony every year", "told the committee months ago": the noun the date modifies stays out too)
# ("wrote on Twitter Sunday", "said in an interview a day ahead of the hearing": the medium is no part of the date)
_NOUN_LEAD = re.compile(r"^(?:(?:a|an|the)\s+)?(?P<word>[a-z][a-z'’-]*)\s+(?=(?:last|this|next|several|a few|every|each)\s+\w"
                        r"|(?:days|weeks|months|years|decades)\s+ago\b"
                        r"|(?:" + "|".join(WEEKDAYS) + r")\b"
                        r"|an?\s+(?:day|week|month|year)(?:\s+(?:ago|earlier|later|before|after|ahead)\b|$))",
                        re.IGNORECASE)
# "do this every year": the pronoun is the object, not a determiner of the set
_PRONOUN_BEFORE_SET = re.compile(r"^(?:this|that|it)\s+(?=(?:every|each)\s)", re.IGNORECASE)
_DATE_MODIFIERS = {
    "about", "around", "nearly", "almost", "over", "under", "within", "for", "since", "until", "till", "by", "from",
    "at", "in", "on", "during", "of", "and", "or", "early", "late", "earlier", "later", "just", "only", "some", "every",
    "each", "first", "second", "third", "fourth", "final", "latest", "previous", "coming", "following", "recent",
    "same", "whole", "entire", "full", "all", "least", "most", "more", "less", "than", "mid", "through", "after",
    "before", "sometime", "as", "the", "a", "an", "fiscal", "calendar", "past", "last", "next", "this", "that",
}
# "a two-day visit": TimeBank leaves the indefinite article out when a count follows it
_ARTICLE_COUNT = re.compile(
    r"^(?:a|an)\s+(?=(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)[ -](?:day|week|month|year|hour)s?\b)",
    re.IGNORECASE)
_THE_PLURAL = re.compile(r"^the\s+(?=(?:days|weeks|months|years|hours|minutes)$)", re.IGNORECASE)
# "Earlier in the day on Saturday", "on Friday first articulated": the preposition or adverb after belongs to the clause
_TRAILING = re.compile(r"(?:'s|’s|[\s,.:;―—]+|\s+later|\s+and|\s+or|\s+on|(?<=day)\s+first|\s+ended|\s+ending"
                       r"|\s+(?:that|to)|(?:(?<=fall)|(?<=spring)|(?<=summer)|(?<=winter)|(?<=autumn))\s+of)$",
                       re.IGNORECASE)  # "in January that Flynn had", "in December to three years", "the fall of" + a name
# "earlier this year ahead of the primary": "ahead of" opens a phrase of its own
_AHEAD_OF = re.compile(r"\s+ahead$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
# "the second straight day Tuesday", "a full day Wednesday": a span of a day and the weekday it was are two timexes
_DAY_THEN_WEEKDAY = re.compile(r"^(?P<head>.*\bday)\s+(?P<tail>(?:" + "|".join(WEEKDAYS) + r"))$", re.IGNORECASE)
# "the quarter ended Sept. 30", "today through Nov. 17": two expressions joined by a connective.
_JOINT = re.compile(r"\s+(?P<word>ended|ending|through|to|until|and)\s+", re.IGNORECASE)
# "Aug. 26 to Oct. 20" is two dates; "two to three weeks" and "up to 180 days" are one expression.
_RANGE_SIDE = re.compile(r"^(?:(?:between|from)\s+)?(?:the\s+years?\s+(?=\d))?(?:today|yesterday|tomorrow|[A-Z\d])")
# "the three months to December", "the 12 months to March": a span and the date it ends on
# "sentenced in December to three years": the right side of "to" is a length, not the end of a range
_COUNTED_SPAN = re.compile(r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a|an)"
                           r"\s+(?:days?|weeks?|months?|years?|decades?)", re.IGNORECASE)
_SPAN_SIDE = re.compile(r"\b(?:days|weeks|months|quarters|years)$", re.IGNORECASE)
# "the highest in four decades this summer": a length and the date it is counted to are two expressions
_SPAN_THEN_DEICTIC = re.compile(r"^(?P<head>.*\b(?:days|weeks|months|quarters|years|decades|centuries))\s+"
                                r"(?P<tail>(?:(?:earlier|later)\s+)?(?:this|last|next)\s+[a-z]+)$", re.IGNORECASE)
# "the first nine months of 1989" is a duration and a year; "the third quarter of 1984" is one date.
_OF_YEAR = re.compile(r"^(?P<head>.*\b(?:months|weeks))\s+of\s+(?P<tail>\d{4}|the year)$"
                      r"|^(?P<head2>.*\b(?:days?|weeks?|months?|years?|decades?))\s+in\s+(?P<tail2>\d{4})$",  # "two decades in 2011"
                      re.IGNORECASE)
_NOT_TIMEX = re.compile(
    r"^(?:\d{1,3}|\d{5,}|quarterly|annual|annually|seasonally|morning|evening|night|afternoon"  # "seasonally adjusted"
    r"|(?:the|this) (?:day|night)(?: of)?"  # "the day after", "during the night": rarely a date of their own
    r"|(?:late|all)[ -]night"  # "a late-night session" describes the session
    # "all day", "all week" (TBAQ: 2 of 2 unannotated), "at the same time" (10 of 10): no time of their own
    r"|all\s+(?:this\s+)?(?:day|week|month|year|morning|afternoon|evening)(?:\s+long)?|(?:at\s+)?the\s+same\s+time"
    r"|(?:the\s+)?(?:early|small|wee)\s+hours(?:\s+of)?"  # "the early hours of" + "Monday": the day is the timex
    r"|(?:(?:more|less) than |about |nearly |almost |over )?(?:a|one) quarter"  # "cut emissions by a quarter": a fraction
    r"|[\w\s-]*\d[\w\s-]*?[ -](?:year|month|week|day)s?[ -]old|\w+[ -](?:year|month|week|day)s?[ -]old"
    r"|\w+-(?:year|month|week|day)-olds?"
    # "the 14th Amendment", "the 5th Fleet": an ordinal names a thing, not a day
    r"|(?:the\s+)?\d+(?:st|nd|rd|th)\s+(?-i:Amendment|Street|Avenue|District|Congress|Circuit|Precinct|Division|Army|Fleet"
    r"|Brigade|Infantry|Regiment|Ward|Century Fox))$",
    re.IGNORECASE,
)
# "year-on-year growth", "quarter-to-quarter comparison": a comparison between periods names none of them
_COMPARISON = re.compile(r"\b(?P<unit>day|week|month|quarter|year)s?[- ](?:on|over|to)[- ](?P=unit)\b", re.IGNORECASE)
# "later in the day" names the report's (or the story's) day; "the day after" alone rarely is a date
_WITHIN_BEFORE = re.compile(r"\b(?:earlier|later)\s+in\s+$", re.IGNORECASE)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)s?\b", re.IGNORECASE)
_CLOCK_END = re.compile(r"(?:[ap]\.?m\.?|noon|midnight|midday)(?:\s+[ECMP][SD]T)?$", re.IGNORECASE)
_DAY_AFTER_CLOCK = re.compile(
    r"(?:\s+[ECMP][SD]T)?,?\s+(?:(?:" + "|".join(WEEKDAYS) + r")\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}\b|today\b|yesterday\b|tomorrow\b)",
    re.IGNORECASE,
)
# "between 1994 and 1997", "in 1994, 1995 and 1997": TimeML marks each year on its own.
# spaCy cuts some lists before their last year ("1994, 1995 and" + "1997").
_YEAR_LIST = re.compile(
    r"^(?:between\s+|from\s+)?\d{4}(?:(?:\s*,\s*|\s+(?:and|or)\s+|,\s+(?:and|or)\s+)\d{4})+(?:,?\s+(?:and|or))?$",
    re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
# A timex names a calendar or clock unit, a date-like number or a deictic word; spaCy's DATE label
# also lands on names ("Olympic"), prices ("as little as 99 cents") and codes ("0735"), which do not.
_TEMPORAL = re.compile(
    r"\b(?:" + "|".join(sorted([*MONTHS, *WEEKDAYS, *UNITS, *SEASONS, *PARTS_OF_DAY], key=len, reverse=True)) + r")"
    r"|\b(?:" + "|".join(re.escape(n) for n in HOLIDAY_NAMES) + r")"
    r"|\b(?:today|yesterday|tomorrow|tonight|now|current|currently|recent|recently|past|future|present|presently"
    r"|ago|later|earlier|soon|once|then|formerly|previously|lately|nowadays|noon|midday|midnight|daily|weekly"
    r"|fortnightly|monthly|annual|annually|yearly|hourly|nightly|quarterly|fiscal|period|time|times|moment|era"
    r"|term|while|weekend|holidays?|semester|season|dawn|dusk|sunrise|sunset|eighteen|nineteen|thousand"
    r"|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
    r"|\b[12]\d{3}\b|\b\d+0'?s\b|'\d0s|\d{1,2}[:.]\d{2}|\b\d+(?:st|nd|rd|th)\b|\d\s*[ap]\.?m\b|\b\d{4}-\d{2}"
    # "at 0900 GMT": a wire clock before 10 a.m.; "10:35 a.m. (0735 GMT)" restates a clock (AQUAINT leaves it out)
    r"|(?<!\()\b[01]\d[0-5]\d (?-i:GMT|UTC)\b"
    r"|\b(?-i:Q[1-4])\b",  # "Q4 earnings"
    re.IGNORECASE,
)
_PLURAL_UNIT = re.compile(r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)", re.IGNORECASE)
_PLURAL_UNIT_END = re.compile(r"\b(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)$", re.IGNORECASE)
_ALTERNATIVE_GAP = re.compile(r" (?:or|and) ")
# "could last days", "to last weeks": the verb "last", not "the last days"
_VERB_LAST = re.compile(r"\b(?:will|would|could|can|may|might|should|must|to|not)\s+$", re.IGNORECASE)
_DEICTIC_DAY = re.compile(r"(?:today|tomorrow)", re.IGNORECASE)
_GENERIC_AFTER = re.compile(
    r"(?:'s|’s)\s+(?:[a-z]+\s+)?(?:world|youth|society|generation|children|kids|young|culture|economy|era|age|standards"
    r"|technology|computers|families|parents|students|teenagers|consumers|workers|politics|marketplace)\b")
# "the Good Friday agreement", "the Camp David accords": a name that holds a day is no date of its own.
_TREATY_AFTER = re.compile(r"\s+(?:agreement|accords?|offensive|rising)\b", re.IGNORECASE)
_ORDINAL_ONLY = re.compile(r"(?:the\s+)?\d+(?:st|nd|rd|th)", re.IGNORECASE)
_ORDINAL_THING_AFTER = re.compile(r"\s+(?:Amendment|Street|Avenue|District|Congress|Circuit|Precinct|Division|Army|Fleet|Brigade"
                                  r"|Infantry|Regiment|Ward|Century Fox)\b")
_NAMED_DAY = re.compile(r"\b(?:" + "|".join([*WEEKDAYS, *(re.escape(n) for n in HOLIDAY_NAMES)]) + r")\b", re.IGNORECASE)
_OWNED = re.compile(r"(?:(?:early|mid|late)[ -])?(?:[1-9]0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties"
                    r"|nineties)|year", re.IGNORECASE)
_OWNER_BEFORE = re.compile(r"(?:\b(?:his|her|their|its|my|your|our)|[\w.]'s|\w')\s+$", re.IGNORECASE)
_OWNER_INSIDE = re.compile(r"(?:his|her|their|its|my|your|our)\s+", re.IGNORECASE)
_ZONE_AFTER = re.compile(r" (?:GMT|UTC)\b")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"(?:" + "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True)) + r")\b",
                          re.IGNORECASE)
_DAY_BEFORE = re.compile(r"(?<![\d,.$])\b\d{1,2}(?:st|nd|rd|th)?[ \t]+$")  # not across a line: "April 29\nApril 24"
_BRACKET = re.compile(r"\s*[()]\s*")
# "Feb 14, 2013": spaCy's DATE starts at the day when the month has no period
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?[ \t]+$")
_BARE_UNIT = re.compile(r"(?:year|month|week|weekend|decade|century)", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:this|that|the|last|next)\s+$", re.IGNORECASE)
_YEAR_AGO_PERIOD = re.compile(r"\s+(?:period|quarter)\b", re.IGNORECASE)  # "the year-ago" + " period"
_YEAR_PERIOD = re.compile(r"\s+(?:(?:first|second|third|fourth)[ -])?(?:fiscal\s+)?(?:period|quarter)\b", re.IGNORECASE)
# "each July", "every Thursday": the quantifier makes a SET and belongs to the extent.
# "two weeks from now", "a year hence": spaCy's DATE stops at the unit; the offset is one DATE (TIMEX3)
_COUNTED_UNIT_END = re.compile(r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)$",
                               re.IGNORECASE)
_FROM_NOW_AFTER = re.compile(r"\s+(?:from\s+(?:now|today)|hence)\b", re.IGNORECASE)
_RATE_UNIT = re.compile(r"(?:a|an|per)\s+(?:hour|day|week|month|year)", re.IGNORECASE)
_TIMES_BEFORE = re.compile(r"\b(?:once|twice|(?:\d+|three|four|five|six|ten) times)\s+$", re.IGNORECASE)
_SET_HEAD = re.compile(r"(?:" + "|".join(list(WEEKDAYS) + [m for m in MONTHS if len(m) > 3 or m == "may"]) + r")", re.IGNORECASE)
_EACH_BEFORE = re.compile(r"\b(?:each|every)\s+$", re.IGNORECASE)
_WEEKDAY_END = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")$", re.IGNORECASE)
# "Friday Oct. 13", "Thursday, April 6": the weekday and the date it falls on are one expression.
# "Easter Sunday", "Good Friday": spaCy tags the weekday alone; the holiday names the day
_HOLIDAY_LEAD = re.compile(
    r"\b(?:" + "|".join(sorted({re.escape(n.rsplit(" ", 1)[0]) for n in HOLIDAY_NAMES if n.rsplit(" ", 1)[-1] in WEEKDAYS},
                               key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
_WEEKDAY_ONLY = re.compile(r"(?:" + "|".join(WEEKDAYS) + r")", re.IGNORECASE)
_DATE_AFTER_WEEKDAY = re.compile(
    r",?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,\s+\d{4}\b)?")


_PART_ONLY = re.compile(r"(?:the\s+)?(?:morning|afternoon|evening|night)", re.IGNORECASE)
_DAY_AFTER_PART = re.compile(
    r"\s+of\s+(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?\b(?:,\s+\d{4}\b)?|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\b(?:\s+\d{4}\b)?"
    r"|(?:" + "|".join(WEEKDAYS) + r")\b)",
    re.IGNORECASE,
)


def refine_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The TimeML extents inside (or just around) one candidate span; empty when it is no timex."""
    bracket = _BRACKET.search(text, start, end)
    if bracket:  # "Wednesday (March 20)": a date and its restatement are two expressions
        return refine_span(text, start, bracket.start()) + refine_span(text, bracket.end(), end)
    if text.startswith(("last ", "Last "), start) and _VERB_LAST.search(text, max(0, start - 8), start):
        start += 5
    if _YEAR_LIST.match(text[start:end].strip()):
        return [m.span() for m in _YEAR.finditer(text, start, end)]
    pieces = []
    cursor = start
    for joint in _JOINT.finditer(text, start, end):
        if joint["word"].lower() not in ("ended", "ending") and not (
            (_RANGE_SIDE.match(text[cursor:joint.start()]) or _SPAN_SIDE.search(text, cursor, joint.start()))
            and (_RANGE_SIDE.match(text[joint.end():end]) or (joint["word"].lower() == "to" and _COUNTED_SPAN.fullmatch(text[joint.end():end])))
        ):
            continue
        pieces.append((cursor, joint.start()))
        cursor = joint.end()
    pieces.append((cursor, end))
    spans = []
    for piece_start, piece_end in pieces:
        day_weekday = _DAY_THEN_WEEKDAY.match(text[piece_start:piece_end])
        if day_weekday:
            spans.append(_trim(text, piece_start, piece_start + day_weekday.end("head")))
            spans.append((piece_start + day_weekday.start("tail"), piece_end))
            continue
        span_deictic = _SPAN_THEN_DEICTIC.match(text[piece_start:piece_end])
        if span_deictic:
            spans.append(_trim(text, piece_start, piece_start + span_deictic.end("head")))
            spans.append((piece_start + span_deictic.start("tail"), piece_end))
            continue
        of_year = _OF_YEAR.match(text[piece_start:piece_end])
        if of_year:
            head, tail = ("head", "tail") if of_year["head"] else ("head2", "tail2")
            spans.append(_trim(text, piece_start, piece_start + of_year.end(head)))
            if of_year[tail].isdigit():
                spans.append((piece_start + of_year.start(tail), piece_end))
            continue
        spans.append(_trim(text, piece_start, piece_end))
    spans = [_extend(text, s, e) for s, e in spans
             if e > s and not _names_a_treaty(text, s, e) and not _owned_by_someone(text, s, e)
             and not _is_generic_today(text, s, e)]
    return [(s, e) for s, e in spans
            if (not _NOT_TIMEX.match(text[s:e]) or _WITHIN_BEFORE.search(text, max(0, s - 16), s))
            and _TEMPORAL.search(text, s, e) and not _in_comparison(text, s, e) and not _names_an_identifier(text, s, e)]


def join_alternatives(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"weeks or months", "recent weeks and months": two uncounted units offered together are one TIMEX3
    (TimeBank marks them so; the value is the first unit's)."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _ALTERNATIVE_GAP.fullmatch(text, joined[-1][1], start) and _PLURAL_UNIT.fullmatch(text, start, end) \
                and _PLURAL_UNIT_END.search(text, joined[-1][0], joined[-1][1]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


# "SB 1062", "H.R. 2454", "Flight 1549", "Resolution 1441": a number that names a bill or a flight is no year
_IDENTIFIER_BEFORE = re.compile(
    r"(?:\b(?:[SHA]B|H\.?R\.|[SHA]\.B\.|S\.|SF|HF|LB|LD|HR)|\bNo\.|\bNos\.|#|\b(?:[Ff]light|[Rr]oute|[Hh]ighway|[Ii]nterstate|[Rr]oom|[Ss]uite"
    r"|[Bb]ox|[Aa]rticle|[Ss]ection|[Rr]esolution|[Bb]ill|[Pp]roposition|[Aa]mendment|[Ll]aw|[Uu]nit|[Ff]ile))\s$")
_FINAL_NUMBER = re.compile(r"(?<![\w,.])\d{4}$")  # the number a span ends on ("SB 1062", "H.R. 2454", "1549")


def _names_an_identifier(text: str, start: int, end: int) -> bool:
    """Whether start..end is a bare four-digit number that a bill, flight or route label owns ("SB 1062")."""
    number = _FINAL_NUMBER.search(text, start, end)
    return number is not None and bool(_IDENTIFIER_BEFORE.search(text, max(0, number.start() - 14), number.start()))


def _in_comparison(text: str, start: int, end: int) -> bool:
    """Whether start..end lies inside "year-on-year", "month over month" and the like (no time of its own)."""
    for match in _COMPARISON.finditer(text, max(0, start - 24), min(len(text), end + 24)):
        if match.start() <= start and end <= match.end():
            return True
    return False


def _is_generic_today(text: str, start: int, end: int) -> bool:
    """"today's world", "many of today's personal computers": "today" as the present age, not the report's day.

    TimeBank and AQUAINT leave every such use unannotated (4 of 4 in TBAQ train), while "today's editions"
    or "yesterday's announcement" are dated events of that day.
    """
    return bool(_DEICTIC_DAY.fullmatch(text, start, end) and _GENERIC_AFTER.match(text, end))


def _names_a_treaty(text: str, start: int, end: int) -> bool:
    """"the Good Friday agreement", "the 14th Amendment", "the 5th Fleet": a name that holds a day or an ordinal."""
    if _ORDINAL_ONLY.fullmatch(text, start, end) and _ORDINAL_THING_AFTER.match(text, end):
        return True
    return bool(_TREATY_AFTER.match(text, end) and _NAMED_DAY.search(text, start, end))


def _owned_by_someone(text: str, start: int, end: int) -> bool:
    """"in his 30s" is an age and "Kellogg's year" a good or bad run, not the 1930s or the report's year."""
    owner = _OWNER_INSIDE.match(text, start, end)
    if owner:
        return bool(_OWNED.fullmatch(text, owner.end(), end))
    return bool(_OWNED.fullmatch(text, start, end) and _OWNER_BEFORE.search(text, max(0, start - 12), start))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    changed = True
    while changed and end > start:
        surface = text[start:end]
        changed = False
        for pattern in (_LEADING, _THE_PLURAL, _ARTICLE_COUNT, _NOUN_LEAD, _PRONOUN_BEFORE_SET):
            lead = pattern.match(surface)
            if pattern is _NOUN_LEAD and lead and (lead["word"].lower() in _DATE_MODIFIERS or _TEMPORAL.search(lead["word"])
                                                    or read_count(lead["word"]) is not None):  # "six weeks ago": a count
                lead = None
            if lead and lead.end() < len(surface):
                start += lead.end()
                changed = True
                break
        if changed:
            continue
        tail = _TRAILING.search(surface)
        if not tail and _OF_AFTER.match(text, end):
            tail = _AHEAD_OF.search(surface)
        if tail and tail.start() > 0 and not surface.lower().endswith(("a.m.", "p.m.")):
            end = start + tail.start()
            changed = True
    return start, end


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """"Wednesday" + " night", "Friday" + " Oct. 13", "9 a.m." + " Tuesday", "each " + "July": one expression each."""
    surface = text[start:end]
    if surface[:1].isdigit() and not _YEAR.fullmatch(surface):
        month = _MONTH_BEFORE.search(text, max(0, start - 11), start)
        if month:
            return _extend(text, month.start(), end)
    if _MONTH_FIRST.match(surface):
        day = _DAY_BEFORE.search(text, max(0, start - 6), start)
        if day:  # "5 May 2013": spaCy's DATE starts at the month
            return day.start(), end
    if _BARE_UNIT.fullmatch(surface):
        determiner = _DETERMINER_BEFORE.search(text, max(0, start - 6), start)
        if determiner:  # spaCy tags "year" in "This year's results": the determiner fixes which year
            return determiner.start(), end
    the = _THE_BEFORE.search(text, max(0, start - 5), start)
    if the and surface.isdigit() and len(surface) == 4:
        period = _YEAR_PERIOD.match(text, end, min(len(text), end + 24))
        if period:  # "the 1989 period", "the 1988 fourth quarter": a quarter of that year
            return the.start(), period.end()
    if surface.isdigit() and len(surface) == 4:
        zone = _ZONE_AFTER.match(text, end, min(len(text), end + 5))
        if zone:  # "(1900 GMT)": a clock, not the year 1900
            return start, zone.end()
    if surface.lower().endswith(("year-ago", "year-earlier")):
        period = _YEAR_AGO_PERIOD.match(text, end, min(len(text), end + 10))
        if period:
            return start, period.end()
    if _COUNTED_UNIT_END.search(surface):
        offset = _FROM_NOW_AFTER.match(text, end, min(len(text), end + 16))
        if offset:
            return start, offset.end()
    if _RATE_UNIT.fullmatch(surface):
        times = _TIMES_BEFORE.search(text, max(0, start - 16), start)
        if times:  # "twice a year": spaCy tags "a year"; the repetition is one SET
            return times.start(), end
    if _SET_HEAD.fullmatch(surface):
        each = _EACH_BEFORE.search(text, max(0, start - 7), start)
        if each:
            start = each.start()
    if _PART_ONLY.fullmatch(surface):
        day = _DAY_AFTER_PART.match(text, end, min(len(text), end + 32))
        if day:  # "the morning of March 21": one TIME
            return start, day.end()
    if _WEEKDAY_ONLY.fullmatch(surface):
        holiday = _HOLIDAY_LEAD.search(text, max(0, start - 12), start)
        if holiday:
            return holiday.start(), end
        day = _DATE_AFTER_WEEKDAY.match(text, end, min(len(text), end + 24))
        if day:
            return start, day.end()
    if _WEEKDAY_END.search(surface):
        part = _PART_OF_DAY.match(text, end, min(len(text), end + 12))
        if part:
            return start, part.end()
    if _CLOCK_END.search(surface):
        day = _DAY_AFTER_CLOCK.match(text, end, min(len(text), end + 24))
        if day:
            return start, day.end()
    return start, end
