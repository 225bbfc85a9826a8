"""The land-use certificate register: append-only, hash-chained, numbered per year («2026/0001»).

What it guarantees (GeoPackage and PostGIS alike):

- **Append-only at database level.** Triggers refuse UPDATE, DELETE and an INSERT that would
  replace an entry (GeoPackage ``INSERT OR REPLACE``: a BEFORE INSERT trigger refuses an existing
  fid or number); PostgreSQL also refuses TRUNCATE. See `layers.database._guard_gpkg/_guard_pg`.
- **Tamper-evident.** Each entry stores ``prev_hash``, the hash of the entry before it, and
  ``entry_hash``, the SHA-256 of its own content (`CHAIN_FIELDS`, prev_hash included). Someone who
  drops the triggers and edits or removes an entry breaks the chain, and `verify_chain` names the
  entry. Registers from before the chain (schema 1) stay readable: the chain starts after their
  entries (their count is kept in the metadata key ``register_unchained_entries``) and the first
  chained entry is anchored to the content of the last older one.
- **Crash-safe numbering.** The next number is read and the entry inserted in one transaction that
  serialises issuers (GeoPackage ``BEGIN IMMEDIATE``; PostgreSQL a transaction-scoped advisory
  lock, which needs no privilege, so a clerk role with SELECT and INSERT on the register can issue).
  The PDF, which prints the number, is rendered into a file without a name (Linux: an unlinked
  temporary file reached through ``/proc/self/fd``; elsewhere a hidden temporary file that is read
  back and deleted as soon as the PDF is complete) and is written under its final name only after
  the commit. A crash before the commit leaves no PDF carrying the number, which then stays free;
  a crash after it leaves a registered entry whose PDF was not delivered, to be reissued with
  ``replaces_no``. A reissue is a new entry whose ``replaces_no`` names the old one.

A hash chain kept in the database itself cannot stop someone who rewrites every entry after the
one they change (or removes the latest entries): keep the chain head that `verify_chain` reports
(``CHAIN_HEAD``) outside the database, e.g. in the daily protocol book, to detect that too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import re
import secrets
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from municipal_gis.i18n import tr
from municipal_gis.layers.database import (
    REGISTER_UNCHAINED_KEY,
    DatabaseError,
    DatabaseLocation,
    upgrade_database,
)
from municipal_gis.schema import catalogue

TABLE = "land_use_certificate"
COLUMNS = tuple(f.name for f in catalogue.layer(TABLE).all_fields)
# the content an entry's hash covers; frozen: changing it would break every stored chain
CHAIN_FIELDS = ("certificate_no", "year", "sequence", "issued_at", "kaek", "applicant", "protocol_no", "as_of",
                "language", "result_json", "plans_used", "pdf_sha256", "verification_code", "replaces_no",
                "prev_hash")
MAX_GAPS_LISTED = 100  # per year: a sequence edited to 10⁹ must not list a billion gaps
GENESIS = "0" * 64  # prev_hash of the first entry of a new register
_HASH_PREFIX = "municipal_gis land-use certificate register v1\n"
# Test-only hook: «<point>:<marker file>» makes `issue` write the certificate number into the marker
# file at <point> («rendered», «inserted», «committed», «written») and then wait until it is killed.
# tests/test_register_crash.py uses it to kill -9 a real qgis_process at those moments.
TEST_PAUSE_ENV = "MUNICIPAL_GIS_TEST_PAUSE"


class RegisterError(DatabaseError):
    """A user-facing problem with the register (translated message)."""


@dataclass(frozen=True)
class Entry:
    certificate_no: str
    year: int
    sequence: int
    issued_at: str
    kaek: str
    protocol_no: str | None
    as_of: str | None
    language: str | None
    pdf_sha256: str | None
    verification_code: str | None
    replaces_no: str | None
    plans_used: str | None
    result_json: str | None
    applicant: str | None = None
    prev_hash: str | None = None
    entry_hash: str | None = None
    pdf_path: str | None = field(default=None, compare=False)  # where `issue` wrote the PDF (not stored)

    @property
    def result_rows(self) -> list:
        return json.loads(self.result_json) if self.result_json else []


_STORED = tuple(n for n in Entry.__dataclass_fields__ if n != "pdf_path")


def sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def certificate_number(year: int, sequence: int) -> str:
    return f"{year}/{sequence:04d}"


def new_verification_code() -> str:
    """12 random characters from an alphabet without look-alikes, grouped «XXXX-XXXX-XXXX»."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    code = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


# --------------------------------------------------------------------------------------------
# The hash chain


def _canonical(name: str, value):
    """One value as both backends give it back (PostgreSQL `timestamp` keeps the wall-clock time only)."""
    if value is None:
        return None
    try:
        if name == "issued_at":
            if not isinstance(value, dt.datetime):
                value = dt.datetime.fromisoformat(str(value))
            return value.replace(tzinfo=None).isoformat(timespec="seconds")
        if name == "as_of":
            return value.isoformat()[:10] if isinstance(value, (dt.date, dt.datetime)) else str(value)[:10]
        if name in ("year", "sequence"):
            return int(value)
    except (TypeError, ValueError):  # a value written behind the plugin's back: hashed as it is
        return f"?{value}"
    return str(value)


def content_hash(values: dict) -> str:
    """SHA-256 of an entry's content (`CHAIN_FIELDS`, the previous entry's hash included)."""
    payload = json.dumps([[n, _canonical(n, values.get(n))] for n in CHAIN_FIELDS], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256((_HASH_PREFIX + payload).encode("utf-8")).hexdigest()


def _link_of(values: dict) -> str:
    """What the next entry's prev_hash must be: the stored hash, or for an entry from before the
    chain the hash of its content (the chain is anchored to the last older entry)."""
    return values.get("entry_hash") or content_hash(values)


@dataclass(frozen=True)
class ChainProblem:
    certificate_no: str
    kind: str  # "edited", "link", "gap", "unchained"
    message: str


@dataclass
class ChainReport:
    entries: int = 0
    unchained: int = 0  # entries issued before the chain was introduced (protected by triggers only)
    head: str = GENESIS  # hash of the latest entry: keep it outside the database
    problems: list = field(default_factory=list)
    _next: dict = field(default_factory=dict)  # number -> next number in the chain

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_for(self, certificate_no: str) -> list[ChainProblem]:
        """Problems that put this entry in doubt: its own content or link, or the next entry's link to it."""
        following = self._next.get(certificate_no)
        return [p for p in self.problems
                if (p.certificate_no == certificate_no and p.kind in ("edited", "link", "unchained"))
                or (p.certificate_no == following and p.kind == "link")]

    @property
    def first_problem(self) -> ChainProblem | None:
        """The problem at the earliest certificate number (where the chain first breaks)."""
        def key(problem):
            year, _, sequence = problem.certificate_no.partition("/")
            return (int(year), int(sequence)) if year.isdigit() and sequence.isdigit() else (10**9, 0)

        return min(self.problems, key=key) if self.problems else None

    def summary(self) -> str:
        text = tr("{n} register entries checked; chain head {head}.").format(n=self.entries, head=self.head)
        if self.unchained:
            text += " " + tr("The first {n} entries were issued before the hash chain was introduced: they are "
                             "protected by the database triggers only.").format(n=self.unchained)
        return text


def verify_chain(location) -> ChainReport:
    """Walk the register in insertion order and report every entry that breaks the chain."""
    location = DatabaseLocation.parse(location)
    connection = location.dbapi_connect()
    try:
        cursor = connection.cursor()
        available = _check_table(location, cursor)
        names = ["fid"] + [n for n in CHAIN_FIELDS + ("entry_hash",) if n in available]
        try:
            cursor.execute(f"SELECT {', '.join(chr(34) + n + chr(34) for n in names)} FROM {location.table(TABLE)} "
                           "ORDER BY fid")
            rows = [dict(zip(names, row)) for row in cursor.fetchall()]
        except _db_errors() as exc:
            raise _register_error(location, exc) from exc
        declared = _unchained_declared(location, cursor)
    finally:
        connection.close()
    report = ChainReport(entries=len(rows))
    link = GENESIS
    chained = False
    previous_no = None
    for position, row in enumerate(rows):
        number = str(row["certificate_no"])
        if previous_no is not None:
            report._next[previous_no] = number
        previous_no = number
        if not row.get("entry_hash"):
            before_chain = "entry_hash" not in available or (
                not chained and (declared is None or position < declared))
            if before_chain:
                report.unchained += 1
            else:
                report.problems.append(ChainProblem(number, "unchained", tr(
                    "Entry {number} has no hash: it was added to the register outside the plugin, after the "
                    "hash chain was introduced.").format(number=number)))
            link = content_hash(row)
            continue
        chained = True
        if content_hash(row) != row["entry_hash"]:
            report.problems.append(ChainProblem(number, "edited", tr(
                "Entry {number} was changed after it was issued: its content no longer matches its hash.").format(
                number=number)))
        if row.get("prev_hash") != link:
            report.problems.append(ChainProblem(number, "link", tr(
                "The entry before {number} is missing or was changed: {number} is chained to a different "
                "predecessor.").format(number=number)))
        link = row["entry_hash"]
    report.head = link
    by_year: dict[int, set] = {}
    for row in rows:
        try:
            by_year.setdefault(int(row["year"]), set()).add(int(row["sequence"]))
        except (TypeError, ValueError):  # not a number: that entry is already reported as edited
            continue
    for year, sequences in sorted(by_year.items()):
        gaps = (s for s in range(1, max(sequences)) if s not in sequences)
        for missing in itertools.islice(gaps, MAX_GAPS_LISTED):
            number = certificate_number(year, missing)
            report.problems.append(ChainProblem(number, "gap", tr(
                "Certificate number {number} is missing from the register: its entry was removed.").format(
                number=number)))
    return report


def _unchained_declared(location, cursor) -> int | None:
    try:
        cursor.execute(f"SELECT value FROM {location.table(catalogue.METADATA_TABLE)} WHERE key = "
                       f"{location.paramstyle}", (REGISTER_UNCHAINED_KEY,))
        row = cursor.fetchone()
    except _db_errors():
        if location.kind != "gpkg":
            cursor.connection.rollback()
        return None
    return int(row[0]) if row and str(row[0]).isdigit() else None


# --------------------------------------------------------------------------------------------
# Database access


def _db_errors() -> tuple:
    errors: tuple = (sqlite3.Error,)
    try:
        import psycopg2

        errors += (psycopg2.Error,)
    except ImportError:  # pragma: no cover
        pass
    return errors


def _register_error(location: DatabaseLocation, exc) -> RegisterError:
    """A database error as a message the clerk can act on."""
    error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if getattr(exc, "pgcode", None) == "42501":  # insufficient_privilege
        return RegisterError(tr(
            "{db}: your database role lacks a privilege the certificate register needs ({error}). To issue "
            "certificates a role needs USAGE on the schema, SELECT on its tables and INSERT on {table}; ask "
            "the database administrator.").format(db=location.label, error=error, table=TABLE))
    if "append-only" in error:
        return RegisterError(tr("{db}: the certificate register refused the change: {error}").format(
            db=location.label, error=error))
    return RegisterError(tr("{db}: the certificate register could not be read or written: {error}").format(
        db=location.label, error=error))


def _p(location: DatabaseLocation, n: int) -> str:
    return ", ".join([location.paramstyle] * n)


def _lock_key(location: DatabaseLocation) -> str:
    return f"municipal_gis register {location.schema}.{TABLE}"


class _Transaction:
    """A write transaction that serialises issuers (context manager yielding a cursor).

    GeoPackage: ``BEGIN IMMEDIATE`` (one writer at a time). PostgreSQL: a transaction-scoped
    advisory lock on the register's name; it needs no table privilege (unlike LOCK TABLE) and is
    released by the commit, after which the next issuer sees the new entry.
    """

    def __init__(self, location: DatabaseLocation):
        self.location = location
        self.connection = location.dbapi_connect()

    def __enter__(self):
        try:
            if self.location.kind == "gpkg":
                self.connection.execute("BEGIN IMMEDIATE")
                self.cursor = self.connection.cursor()
            else:
                self.cursor = self.connection.cursor()
                self.cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (_lock_key(self.location),))
        except BaseException:
            self.connection.close()
            raise
        return self.cursor

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.connection.commit() if self.location.kind != "gpkg" else self.connection.execute("COMMIT")
            elif self.location.kind == "gpkg":
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
            else:
                self.connection.rollback()
        finally:
            self.connection.close()
        return False


def _check_table(location: DatabaseLocation, cursor) -> set[str]:
    """The register's column names; a clear message when there is no register."""
    try:
        cursor.execute(f"SELECT * FROM {location.table(TABLE)} WHERE 1 = 0")
        names = {d[0].lower() for d in cursor.description}
    except _db_errors() as exc:
        if getattr(exc, "pgcode", None) == "42501":
            raise _register_error(location, exc) from exc
        raise RegisterError(tr("{db} has no land-use certificate register (table {table}); create or upgrade "
                               "the municipal database first.").format(db=location.label, table=TABLE)) from exc
    if "certificate_no" not in names:
        raise RegisterError(tr("{db} has no land-use certificate register (table {table}); create or upgrade "
                               "the municipal database first.").format(db=location.label, table=TABLE))
    return names


def _exists(location, cursor, certificate_no: str) -> bool:
    cursor.execute(f"SELECT 1 FROM {location.table(TABLE)} WHERE certificate_no = {location.paramstyle}",
                   (certificate_no,))
    return cursor.fetchone() is not None


def _chain_tip(location, cursor) -> str:
    names = list(CHAIN_FIELDS) + ["entry_hash"]
    cursor.execute(f"SELECT {', '.join(chr(34) + n + chr(34) for n in names)} FROM {location.table(TABLE)} "
                   "ORDER BY fid DESC LIMIT 1")
    row = cursor.fetchone()
    return GENESIS if row is None else _link_of(dict(zip(names, row)))


def ensure_chain(location) -> list[str]:
    """Upgrade a register from before the hash chain (schema 1) so that it can issue; return what changed.

    Older entries are kept as they are; the chain starts after them (see the module doc).
    """
    location = DatabaseLocation.parse(location)
    connection = location.dbapi_connect()
    try:
        names = _check_table(location, connection.cursor())
    finally:
        connection.close()
    if {"prev_hash", "entry_hash"} <= names:
        return []
    try:
        return upgrade_database(location)
    except _db_errors() as exc:
        raise _register_error(location, exc) from exc


# --------------------------------------------------------------------------------------------
# Issuing


class _Scratch:
    """Where a certificate is rendered before it is registered; leaves nothing behind after a crash."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._file = None
        self.path = ""

    def __enter__(self):
        if sys.platform.startswith("linux") and os.path.isdir("/proc/self/fd"):
            self._file = tempfile.TemporaryFile(prefix="mgis-certificate-")  # O_TMPFILE or unlinked: no name
            self.path = f"/proc/self/fd/{self._file.fileno()}"
        else:  # pragma: no cover - Windows, macOS
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, self.path = tempfile.mkstemp(prefix="~mgis-certificate-", suffix=".tmp", dir=str(self.folder))
            os.close(fd)
        return self

    def read(self) -> bytes:
        if self._file is not None:
            self._file.seek(0)
            return self._file.read()
        data = Path(self.path).read_bytes()  # pragma: no cover
        os.unlink(self.path)  # pragma: no cover
        return data  # pragma: no cover

    def __exit__(self, *exc):
        if self._file is not None:
            self._file.close()
        elif self.path and os.path.exists(self.path):  # pragma: no cover
            os.unlink(self.path)
        return False


def _publish(data: bytes, target: Path, number: str = "") -> None:
    """Write the registered PDF under its final name, atomically (hidden part file, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        with open(part, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _pause("written", number or target.name)
        os.replace(part, target)
    finally:
        if part.exists():
            part.unlink()


def _pause(point: str, number: str) -> None:
    """Test-only (see TEST_PAUSE_ENV): announce `point` and wait to be killed."""
    spec = os.environ.get(TEST_PAUSE_ENV)
    if not spec:
        return
    wanted, _, marker = spec.partition(":")
    if wanted != point:
        return
    Path(marker).write_text(number, encoding="utf-8")
    while True:
        time.sleep(60)


def issue(location, *, kaek: str, render, destination, result_rows=(), plans_used: str = "",
          applicant: str | None = None, protocol_no: str | None = None, as_of: dt.date | None = None,
          language: str = "el", replaces_no: str | None = None, now: dt.datetime | None = None) -> Entry:
    """Number, render and register one certificate; write its PDF to `destination(number)` after the commit.

    `render(certificate_no, verification_code, issued_at, path)` must write the PDF to `path` (a
    scratch file without a name). It runs inside the numbering transaction, so a failure or a crash
    leaves no entry, no used number and no PDF.
    """
    location = DatabaseLocation.parse(location)
    issued_at = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
    year = issued_at.year
    table = location.table(TABLE)
    probe = Path(destination(certificate_number(year, 1))).parent
    with _Scratch(probe) as scratch:
        try:
            with _Transaction(location) as cursor:
                names = _check_table(location, cursor)
                if not {"prev_hash", "entry_hash"} <= names:
                    raise RegisterError(tr(
                        "The certificate register of {db} is from before the tamper-evident register (hash "
                        "chain); upgrade the database before issuing.").format(db=location.label))
                if replaces_no and not _exists(location, cursor, replaces_no):
                    raise RegisterError(tr("Certificate {number} is not in the register of {db}; it cannot be "
                                           "replaced.").format(number=replaces_no, db=location.label))
                cursor.execute(f"SELECT MAX(sequence) FROM {table} WHERE year = {location.paramstyle}", (year,))
                row = cursor.fetchone()
                sequence = int(row[0] or 0) + 1
                number = certificate_number(year, sequence)
                prev_hash = _chain_tip(location, cursor)
                code = new_verification_code()
                render(number, code, issued_at, scratch.path)
                data = scratch.read()
                if not data.startswith(b"%PDF"):
                    raise RegisterError(tr("Certificate {number}: the PDF was not produced.").format(number=number))
                values = {
                    "certificate_no": number,
                    "year": year,
                    "sequence": sequence,
                    "issued_at": issued_at.isoformat(),
                    "kaek": kaek,
                    "applicant": applicant or None,
                    "protocol_no": protocol_no or None,
                    "as_of": as_of.isoformat() if as_of else None,
                    "language": language,
                    "result_json": json.dumps(list(result_rows), ensure_ascii=False, sort_keys=True, default=str),
                    "plans_used": plans_used or None,
                    "pdf_sha256": hashlib.sha256(data).hexdigest(),
                    "verification_code": code,
                    "replaces_no": replaces_no or None,
                    "prev_hash": prev_hash,
                }
                values["entry_hash"] = content_hash(values)
                _pause("rendered", number)
                names = [n for n in COLUMNS if n in values]
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(chr(34) + n + chr(34) for n in names)}) "
                    f"VALUES ({_p(location, len(names))})", tuple(values[n] for n in names))
                _pause("inserted", number)
        except _db_errors() as exc:
            raise _register_error(location, exc) from exc
        _pause("committed", number)
        target = Path(destination(number))
        try:
            _publish(data, target, number)
        except OSError as exc:
            raise RegisterError(tr(
                "Certificate {number} (ΚΑΕΚ {kaek}) is registered, but its PDF could not be written to {path}: "
                "{error}. Issue a replacement for it (reissue).").format(
                number=number, kaek=kaek, path=target, error=exc)) from exc
    return _entry(values, pdf_path=str(target))


def _entry(values: dict, pdf_path: str | None = None) -> Entry:
    return Entry(**{k: values.get(k) for k in _STORED}, pdf_path=pdf_path)


def grant_clerk(location, role: str) -> None:
    """PostgreSQL: let `role` read the municipal tables and issue certificates, nothing more on the register."""
    location = DatabaseLocation.parse(location)
    if location.kind != "postgis":
        raise RegisterError(tr("Database roles exist only in PostGIS databases."))
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", role):
        raise RegisterError(tr("Role name «{role}» is not a plain SQL identifier.").format(role=role))
    connection = location.dbapi_connect()
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(f'GRANT USAGE ON SCHEMA "{location.schema}" TO "{role}"')
            cursor.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{location.schema}" TO "{role}"')
            cursor.execute(f'GRANT INSERT ON {location.table(TABLE)} TO "{role}"')
            cursor.execute(f'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {location.table(TABLE)} '
                           f'FROM "{role}"')
    except _db_errors() as exc:
        raise _register_error(location, exc) from exc
    finally:
        connection.close()


# --------------------------------------------------------------------------------------------
# Reading


def _select(location, where: str = "", params=()) -> list[Entry]:
    location = DatabaseLocation.parse(location)
    connection = location.dbapi_connect()
    try:
        cursor = connection.cursor()
        available = _check_table(location, cursor)
        names = [n for n in _STORED if n in available]  # a register from before the chain has no hashes
        try:
            cursor.execute(f"SELECT {', '.join(chr(34) + n + chr(34) for n in names)} FROM {location.table(TABLE)} "
                           f"{where} ORDER BY year, sequence", tuple(params))
            rows = cursor.fetchall()
        except _db_errors() as exc:
            raise _register_error(location, exc) from exc
    finally:
        connection.close()
    return [Entry(**{n: _plain(v) for n, v in zip(names, row)}) for row in rows]


def _plain(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def entries(location, kaek: str | None = None) -> list[Entry]:
    """Register entries in number order (optionally of one ΚΑΕΚ)."""
    location = DatabaseLocation.parse(location)
    if kaek:
        return _select(location, f"WHERE kaek = {location.paramstyle}", (kaek,))
    return _select(location)


def find_by_number(location, certificate_no: str) -> list[Entry]:
    location = DatabaseLocation.parse(location)
    return _select(location, f"WHERE certificate_no = {location.paramstyle}", (certificate_no,))


def find_by_sha256(location, digest: str) -> list[Entry]:
    location = DatabaseLocation.parse(location)
    return _select(location, f"WHERE pdf_sha256 = {location.paramstyle}", (digest.lower(),))


def find_by_code(location, code: str) -> list[Entry]:
    location = DatabaseLocation.parse(location)
    return _select(location, f"WHERE verification_code = {location.paramstyle}", (code.strip().upper(),))


def verify_pdf(location, pdf_path) -> tuple[str, list[Entry]]:
    """(SHA-256 of the file, register entries with that hash)."""
    if not Path(pdf_path).is_file():
        raise RegisterError(tr("PDF file {path} does not exist.").format(path=pdf_path))
    digest = sha256_file(pdf_path)
    return digest, find_by_sha256(location, digest)


def number_in_name(pdf_path) -> str | None:
    """The certificate number a file name carries («2026-0044_….pdf» → «2026/0044»), if any."""
    match = re.match(r"^\.?(\d{4})-(\d{4,})(?:_|\.|$)", Path(pdf_path).name)
    return f"{match.group(1)}/{match.group(2)}" if match else None


def replaced_by(location, certificate_no: str) -> list[Entry]:
    location = DatabaseLocation.parse(location)
    return _select(location, f"WHERE replaces_no = {location.paramstyle}", (certificate_no,))
