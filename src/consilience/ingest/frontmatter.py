"""Metadata at the top of a plain-text report: a `---` YAML block or `Key: value` header lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import yaml

# Header keys people write, mapped to the report part they fill; None: known but not used.
HEADER_KEYS: dict[str, str | None] = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "pubdate": "published",
    "author": None,
    "by": None,
    "byline": None,
}

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z ]{0,15}?)[ \t]*:[ \t]*(.*?)\s*$")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_MARKDOWN_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")


@dataclass
class FrontMatter:
    """Metadata found at the top of a text, the body left after it, and what went wrong."""

    fields: dict[str, object] = field(default_factory=dict)  # title, source, url, published
    body: str = ""
    warnings: list[str] = field(default_factory=list)


def split_front_matter(text: str) -> FrontMatter:
    """Separate metadata at the top of `text` from the report body.

    Accepts a YAML block fenced by `---` lines, or leading `Title: ...` style lines ended by a
    blank line; then a Markdown `# Heading` first line is taken as the title when none is given.
    """
    text = text.lstrip("\ufeff")
    found = _split_yaml(text) or _split_header_lines(text) or FrontMatter(body=text)
    _take_markdown_title(found)
    return found


def _split_yaml(text: str) -> FrontMatter | None:
    lines = text.lstrip("\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return None  # an opening rule with no closing one is just a line of text
    body = "\n".join(lines[end + 1 :])
    try:
        loaded = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as err:
        reason = str(err).split("\n")[0]
        return FrontMatter(body=body, warnings=[f"front matter is not valid YAML ({reason}); it was ignored."])
    if loaded is None:
        return FrontMatter(body=body)
    if not isinstance(loaded, dict):
        return FrontMatter(body=body, warnings=["front matter is not a list of key: value pairs; it was ignored."])
    found = FrontMatter(body=body)
    for key, value in loaded.items():
        part = HEADER_KEYS.get(str(key).strip().lower())
        if part is None or part in found.fields or value is None:
            continue
        if isinstance(value, (str, date, int, float)):
            found.fields[part] = value if isinstance(value, (str, date)) else str(value)
        else:
            found.warnings.append(f"front matter field {key!r} is a {type(value).__name__}, not text; it was ignored.")
    return found


def _split_header_lines(text: str) -> FrontMatter | None:
    lines = text.split("\n")
    found = FrontMatter()
    consumed = 0
    for line in lines:
        if not line.strip():
            consumed += 1
            break
        match = _HEADER_LINE.match(line)
        key = match.group(1).strip().lower() if match else None
        if match is None or key not in HEADER_KEYS:
            break
        part = HEADER_KEYS[key]
        if part is not None and match.group(2) and part not in found.fields:
            found.fields[part] = match.group(2)
        consumed += 1
    if not found.fields:
        return None
    found.body = "\n".join(lines[consumed:])
    return found


def _take_markdown_title(found: FrontMatter) -> None:
    lines = found.body.lstrip("\n").split("\n", 1)
    match = _MARKDOWN_TITLE.match(lines[0])
    if match is None:
        return
    title = match.group(1)
    if "title" not in found.fields:
        found.fields["title"] = title
    elif str(found.fields["title"]).strip() != title:
        return  # a heading that is not the title belongs to the text
    found.body = lines[1] if len(lines) > 1 else ""
