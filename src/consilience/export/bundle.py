"""Where a set of table files goes: a folder of files, or one .zip file holding them."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..errors import ConsilienceError


def write_bundle(out: str | Path, files: dict[str, bytes]) -> list[Path]:
    """Write `files` (name -> bytes) into folder `out`, or into a zip when `out` ends in .zip.

    Each file replaces its old copy atomically, so a crash leaves the old export or the new one.
    """
    out = Path(out)
    if out.suffix.lower() == ".zip":

        def write_zip(handle: BinaryIO) -> None:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(name, data)

        write_atomically(out, write_zip)
        return [out]
    if out.exists() and not out.is_dir():
        raise ConsilienceError(f"{out}: is a file; CSV and Parquet exports write a folder of tables. "
                               "Give a folder name, or a name ending in .zip for one file.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConsilienceError(f"{out}: cannot create the export folder ({exc}). Check the path.") from exc
    paths = []
    for name, data in files.items():
        write_atomically(out / name, lambda handle, data=data: handle.write(data))
        paths.append(out / name)
    return paths


def read_bundle(path: Path, suffix: str) -> dict[str, bytes]:
    """The files named `*{suffix}` in folder or zip `path`, by bare name ("claims.csv")."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.name.endswith(suffix)}
    try:
        with zipfile.ZipFile(path) as archive:
            return {
                Path(info.filename).name: archive.read(info)
                for info in archive.infolist()
                if info.filename.endswith(suffix) and not info.is_dir()
            }
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise _unreadable_zip(path, exc) from exc


def list_zip_names(path: Path) -> list[str]:
    """The bare file names in zip `path`."""
    try:
        with zipfile.ZipFile(path) as archive:
            return [Path(n).name for n in archive.namelist()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise _unreadable_zip(path, exc) from exc


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Run `write(handle)` on a temporary file beside `path`, then move it over `path`."""
    # A plain open (not tempfile.mkstemp, which makes 0600 files) so the export gets the
    # permissions the user's umask gives any new file; the pid keeps two exporters apart.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConsilienceError(f"{path}: not written ({exc}). Check the folder, free space and permissions.") from exc
    except BaseException:
        # BaseException: an interrupted export must not leave a half-written temporary file behind.
        tmp.unlink(missing_ok=True)
        raise


def _unreadable_zip(path: Path, exc: Exception) -> ConsilienceError:
    return ConsilienceError(
        f"{path}: not a readable zip file ({exc}); it is damaged or cut short. Export the store again."
    )
