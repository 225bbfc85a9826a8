"""The land-use certificate register: append-only, numbered per year («2026/0001»).

Numbering is safe when several people issue at once on a shared database: the next number is
read and the entry written in one transaction that holds a write lock on the register
(GeoPackage: ``BEGIN IMMEDIATE``; PostgreSQL: ``LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE``,
which conflicts with itself, so two issuers queue), and the unique constraint on
``certificate_no`` is the last line of defence. The PDF is produced inside that transaction,
because its number is printed on it and its SHA-256 is stored with the entry; nothing is ever
updated afterwards. A reissue is a new entry whose ``replaces_no`` names the old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from municipal_gis.i18n import tr
from municipal_gis.layers import catalogue
from municipal_gis.layers.database import DatabaseError, DatabaseLocation

TABLE = "land_use_certificate"
COLUMNS = tuple(f.name for f in catalogue.layer(TABLE).all_fields)


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

    @property
    def result_rows(self) -> list:
        return json.loads(self.result_json) if self.result_json else []


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


def _p(location: DatabaseLocation, n: int) -> str:
    return ", ".join([location.paramstyle] * n)


class _Transaction:
    """A write transaction holding the register lock (context manager yielding a cursor)."""

    def __init__(self, location: DatabaseLocation):
        self.location = location
        self.connection = location.dbapi_connect()

    def __enter__(self):
        table = self.location.table(TABLE)
        if self.location.kind == "gpkg":
            self.connection.execute("BEGIN IMMEDIATE")
            self.cursor = self.connection.cursor()
        else:
            self.cursor = self.connection.cursor()
            self.cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
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


def _check_table(location: DatabaseLocation, cursor) -> None:
    try:
        cursor.execute(f"SELECT certificate_no FROM {location.table(TABLE)} WHERE 1 = 0")
    except Exception as exc:  # noqa: BLE001 - sqlite3 / psycopg2 errors
        raise RegisterError(tr("{db} has no land-use certificate register (table {table}); create or upgrade "
                               "the municipal database first.").format(db=location.label, table=TABLE)) from exc


def _exists(location, cursor, certificate_no: str) -> bool:
    cursor.execute(f"SELECT 1 FROM {location.table(TABLE)} WHERE certificate_no = {location.paramstyle}",
                   (certificate_no,))
    return cursor.fetchone() is not None


def issue(location, *, kaek: str, render, result_rows=(), plans_used: str = "", applicant: str | None = None,
          protocol_no: str | None = None, as_of: dt.date | None = None, language: str = "el",
          replaces_no: str | None = None, now: dt.datetime | None = None) -> Entry:
    """Number, render and register one certificate in a single locked transaction.

    `render(certificate_no, verification_code, issued_at)` must write the PDF and return its
    path; it runs while the register is locked, so a failure leaves no entry and no used number.
    """
    location = DatabaseLocation.parse(location)
    issued_at = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
    year = issued_at.year
    table = location.table(TABLE)
    with _Transaction(location) as cursor:
        _check_table(location, cursor)
        if replaces_no and not _exists(location, cursor, replaces_no):
            raise RegisterError(tr("Certificate {number} is not in the register of {db}; it cannot be replaced.")
                                .format(number=replaces_no, db=location.label))
        cursor.execute(f"SELECT MAX(sequence) FROM {table} WHERE year = {location.paramstyle}", (year,))
        row = cursor.fetchone()
        sequence = int(row[0] or 0) + 1
        number = certificate_number(year, sequence)
        code = new_verification_code()
        pdf_path = render(number, code, issued_at)
        digest = sha256_file(pdf_path) if pdf_path else None
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
            "pdf_sha256": digest,
            "verification_code": code,
            "replaces_no": replaces_no or None,
        }
        names = [n for n in COLUMNS if n in values]
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(chr(34) + n + chr(34) for n in names)}) VALUES ({_p(location, len(names))})",
            tuple(values[n] for n in names))
    return _entry(values)


def _entry(values: dict) -> Entry:
    fields = Entry.__dataclass_fields__
    return Entry(**{k: values.get(k) for k in fields})


def _select(location, where: str = "", params=()) -> list[Entry]:
    location = DatabaseLocation.parse(location)
    names = [n for n in Entry.__dataclass_fields__]
    connection = location.dbapi_connect()
    try:
        cursor = connection.cursor()
        _check_table(location, cursor)
        cursor.execute(f"SELECT {', '.join(chr(34) + n + chr(34) for n in names)} FROM {location.table(TABLE)} "
                       f"{where} ORDER BY year, sequence", tuple(params))
        rows = cursor.fetchall()
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


def replaced_by(location, certificate_no: str) -> list[Entry]:
    location = DatabaseLocation.parse(location)
    return _select(location, f"WHERE replaces_no = {location.paramstyle}", (certificate_no,))
