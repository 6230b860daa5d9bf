"""One catalogue of the problems Consilience reports, each with a stable code and what to do.

Bad *data* (an empty file, a malformed row) becomes a `Problem` and the batch goes on; a wrong
*argument* from a caller raises `ConsilienceError`. Messages read "what: why. what to do".
"""

from __future__ import annotations

from enum import Enum

from .model import Problem


class E(Enum):
    """Problem codes. Value: (code, template, severity)."""

    MISSING_PATH = ("E001", "no such file or folder. Check the path.", "error")
    EMPTY_FOLDER = ("E002", "folder holds no readable reports ({detail}). Point at .txt, .html, .xml/.rss/.atom, .jsonl or .csv files.", "error")
    EMPTY_FILE = ("E003", "file is empty. Remove it or add the report text.", "error")
    BINARY_FILE = ("E004", "file is binary ({detail}), not a report. Convert it to text or HTML first.", "error")
    UNDECODABLE = ("E005", "bytes cannot be decoded as text ({detail}). Save the file as UTF-8.", "error")
    NO_ARTICLE_TEXT = ("E006", "HTML page has no article text that could be extracted. Save the article page itself, not an index or script-only page.", "error")
    BAD_FEED = ("E007", "feed cannot be parsed ({detail}). Check that it is a valid RSS or Atom file.", "error")
    BAD_ROW = ("E008", "row {row} is malformed ({detail}). Fix or remove that row; the other rows were read.", "error")
    UNSUPPORTED_LANGUAGE = ("E009", "report is not in English ({detail}); the pipeline reads English only, so no claims were extracted. Translate it first.", "error")
    TOO_LARGE = ("E010", "file is {detail}, over the {limit} limit for one input. Split it into separate reports or corpus rows.", "error")
    TOO_SHORT = ("E011", "report has too little text ({detail}) to hold a claim. Check the file.", "error")
    NO_INPUT = ("E012", "no reports given. Pass files, folders or - for stdin.", "error")
    DUPLICATE = ("W001", "same report as {detail}; stored once.", "warning")
    FIELD_MISSING = ("W002", "{detail}", "warning")
    STAGE_FAILED = ("E013", "stage {detail} failed on this report; it was left out of the results. Please report this as a bug with the input.", "error")
    TOO_DEEP = ("E014", "markup is nested more than {limit} levels deep: the HTML parser loses text that deep, and such pages are built to crash parsers. Save the article page itself.", "error")
    XML_ENTITIES = ("E015", "feed declares its own XML entities ({detail}); expanding them can exhaust memory (billion laughs) or read local files (XXE), so it is not read. Remove the <!ENTITY> declarations.", "error")

    @property
    def code(self) -> str:
        return self.value[0]

    def problem(self, where: str, **fields: object) -> Problem:
        """A Problem for input `where`, with the message template filled in."""
        code, template, severity = self.value
        return Problem(code=code, input=where, message=template.format(**fields), severity=severity)


class ConsilienceError(Exception):
    """A wrong argument or setup error the caller must fix; never raised for bad input data."""
