"""Finding the reports in a folder: recursive, in sorted order, hidden files left out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .decode import binary_reason, read_head
from .sniff import kind_from_extension, sniff_kind


@dataclass
class FolderListing:
    """Report files of a folder with the reader each needs, and the files passed over."""

    reports: list[tuple[str, str]] = field(default_factory=list)  # (path, kind)
    skipped: list[str] = field(default_factory=list)


def list_reports(folder: str) -> FolderListing:
    """Report files under `folder`, sorted by path; unknown extensions are sniffed."""
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            parts = tuple(os.path.relpath(path, folder).split(os.sep))
            found.append((parts, path))
    listing = FolderListing()
    for _, path in sorted(found):
        kind = kind_from_extension(path) or _sniff_file(path)
        if kind is None:
            listing.skipped.append(path)
        else:
            listing.reports.append((path, kind))
    return listing


def _sniff_file(path: str) -> str | None:
    """Kind of a file with an unknown extension; None for binary or non-report content."""
    head = read_head(path)
    if not head or binary_reason(head) is not None:
        return None
    return sniff_kind(head.decode("utf-8", errors="replace"))
