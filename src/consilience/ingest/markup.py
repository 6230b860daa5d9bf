"""Hostile HTML defused before extraction: markup nested too deep, attribute values too long.

Both checks are single linear scans, so a 10 MB page built to be slow stays cheap to look at.
"""

from __future__ import annotations

import re

# libxml2's HTML parser (under lxml and trafilatura) drops everything below about 255 levels
# without a word; a real article page is rarely 60 deep. Deeper than this, the text is lost anyway.
MAX_NESTING = 250
# Longer attribute values are inline data (base64 images) or padding; trafilatura's date search
# runs its regexes over them and took seconds on one 10 MB value.
MAX_ATTRIBUTE_CHARS = 10_000

# Elements that are closed explicitly in practice: counting them gives the nesting depth without
# building a tree (<p> and <li>, closed implicitly, would only inflate it).
_CONTAINERS = (
    "div|span|section|article|main|aside|header|footer|nav|blockquote|table|tbody|thead|tr|td|th|"
    "ul|ol|dl|form|figure|center|font|a|b|i|u|em|strong|small|big|sub|sup|q|label|button|details"
)
_TAG = re.compile(rf"<(?:(!--)|(script|style)(?=[\s/>])|(/?)(?:{_CONTAINERS})(?=[\s/>]))", re.IGNORECASE)
_RAW_END = {"script": re.compile(r"</script", re.IGNORECASE), "style": re.compile(r"</style", re.IGNORECASE)}
# Each quoted match ends at the next quote, so matches never overlap: the scan stays linear.
_LONG_ATTRIBUTE = re.compile(
    rf"""(=\s*)(?:"[^"]{{{MAX_ATTRIBUTE_CHARS},}}"|'[^']{{{MAX_ATTRIBUTE_CHARS},}}'|[^\s"'=<>`]{{{MAX_ATTRIBUTE_CHARS},}})"""
)


def is_nested_too_deep(page: str, limit: int = MAX_NESTING) -> bool:
    """Whether container elements in `page` nest deeper than `limit`; comments, scripts, styles skipped."""
    depth = 0
    position = 0
    while (match := _TAG.search(page, position)) is not None:
        position = match.end()
        if match.group(1):
            end = page.find("-->", position)
            if end < 0:
                break  # the rest of the page is one unclosed comment
            position = end + 3
        elif match.group(2):
            end = _RAW_END[match.group(2).lower()].search(page, position)
            if end is None:
                break
            position = end.end()
        elif match.group(3):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > limit:
                return True  # stop here: a hostile page may hold 100,000 more
    return False


def drop_long_attributes(page: str) -> tuple[str, int]:
    """`page` with attribute values over MAX_ATTRIBUTE_CHARS emptied, and how many were."""
    return _LONG_ATTRIBUTE.subn(r'\1""', page)


# A script or style element's content runs to the first matching end tag (or the end of the page
# when it is never closed), as in a browser. Each match starts after the previous one ends: linear.
_RAW_ELEMENT = re.compile(r"<(script|style|noscript|template)\b([^>]*)>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def drop_scripts(page: str) -> str:
    """`page` without script (but JSON-LD metadata), style, noscript and template elements.

    trafilatura drops them from a well-formed page, but on broken markup (a <p> straight inside a
    <table>, no <body>) its fallback extraction was seen keeping a script's source as article text.
    """
    return _RAW_ELEMENT.sub(_keep_metadata, page)


def _keep_metadata(match: re.Match[str]) -> str:
    # JSON-LD holds the page's metadata (datePublished, publisher) that trafilatura reads: keep it.
    return match.group(0) if "ld+json" in match.group(2).lower() else " "
