"""Publication dates from metadata, normalised to ISO "YYYY-MM-DD" without inventing any."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
# The usual ways English news writes a date, tried before dateparser, which takes milliseconds.
_WRITTEN_LAYOUTS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%B %d %Y")


def normalise_date(value: object) -> str | None:
    """ISO date of a metadata value (str, date, datetime, struct_time), or None if unreadable.

    The date is taken as written: "2024-12-05T23:30-05:00" stays 2024-12-05 (no UTC shift), and
    relative or partial dates ("yesterday", "December 2024") give None, since completing them
    would invent a day.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    return _parse_date_text(value.strip())


@lru_cache(maxsize=4096)  # corpora repeat the same few date strings
def _parse_date_text(text: str) -> str | None:
    # Fast paths first: ISO 8601 (feeds, front matter) and RFC 2822 (RSS pubDate).
    if _ISO_PREFIX.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            try:
                return date.fromisoformat(text[:10]).isoformat()
            except ValueError:
                return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for layout in _WRITTEN_LAYOUTS:
        try:
            return datetime.strptime(text, layout).date().isoformat()
        except ValueError:
            continue
    parsed = _dateparser()(
        text,
        languages=["en"],
        settings={"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed else None


@lru_cache(maxsize=1)
def _dateparser():
    # dateparser takes about half a second to import; most inputs never need it.
    import dateparser

    return dateparser.parse
