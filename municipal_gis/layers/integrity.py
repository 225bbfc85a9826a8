"""Is a GeoPackage file sound? SQLite's own checks, before anything trusts what the file says.

- `hot_journal`: a ``-journal`` left by a crash in the middle of a write. SQLite rolls it back (restoring
  the last committed state) the first time the file is opened for writing; opened read-only, as QGIS
  opens inputs, every read fails with "attempt to write a readonly database" although the data is intact.
  `recover_hot_journal` performs that roll-back, or says why it cannot.
- `quick_check`: ``PRAGMA quick_check`` (the structure of every page and index); a damaged file gives
  invented answers to every later question, so its damage is the finding, not what it appears to hold.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Health:
    ok: bool
    problem: str = ""  # "", "not_sqlite", "damaged", "hot_journal", "unreadable"
    detail: str = ""
    recovered: bool = False  # a crash's unfinished transaction was rolled back


def _journal(path: str) -> str:
    return f"{path}-journal"


def hot_journal(path: str) -> bool:
    """A journal SQLite would roll back. A process killed before its transaction wrote anything to the
    database file leaves a journal whose header is still zeroed (SQLite writes the header's magic only
    when it syncs the journal, before touching the database): that one is not hot, SQLite ignores it
    and the next write reuses it, so it is no finding (tests/test_register_crash.py kills issuers there)."""
    journal = _journal(path)
    try:
        with open(journal, "rb") as handle:
            first = handle.read(1)
    except OSError:
        return False
    return first not in (b"", b"\x00")


def _connect(path: str, read_only: bool) -> sqlite3.Connection:
    mode = "ro" if read_only else "rw"
    return sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode={mode}", uri=True, timeout=5)


def recover_hot_journal(path: str) -> Health:
    """Roll back the unfinished transaction of a crash (what SQLite does on the next write-open)."""
    if not hot_journal(path):
        return Health(True)
    try:
        connection = _connect(path, read_only=False)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return Health(False, "hot_journal", str(exc))
    if hot_journal(path):
        return Health(False, "hot_journal", "the journal is still there")
    return Health(True, recovered=True)


def quick_check(path: str, max_lines: int = 5) -> Health:
    """SQLite's quick_check of a GeoPackage file (read-only; a hot journal is recovered first)."""
    if not os.path.isfile(path):
        return Health(True)
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            return Health(False, "not_sqlite", "")
    recovered = False
    if hot_journal(path):
        health = recover_hot_journal(path)
        if not health.ok:
            return health
        recovered = True
    try:
        connection = _connect(path, read_only=True)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA quick_check").fetchmany(max_lines)]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return Health(False, "damaged", str(exc), recovered)
    if rows == ["ok"]:
        return Health(True, recovered=recovered)
    return Health(False, "damaged", "; ".join(str(r) for r in rows), recovered)
