"""Key accounts from a CRM export (Salesforce, HubSpot, or a plain account-tracking spreadsheet).

The CSV's columns are recognised by name; `--map FIELD=COLUMN` names any other. Each row becomes
the CRM-owned fields of one account (name, owner, value, renewal, priority); every other field of
an account already in the config (aliases, competitors, keywords, stakeholders, ...) is kept.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from dateutil import parser as date_parser
from email_validator import EmailNotValidError, validate_email
from price_parser import Price
from ruamel.yaml.comments import CommentedMap
from slugify import slugify

from radar.config.crm.columns import COLUMNS, FIELDS, GONE, PRIORITIES
from radar.config.edit import Edit, upsert_account
from radar.errors import RadarError

_STRAY_CR = re.compile(r"\r(?!\n)")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


class CrmExportError(RadarError):
    """A CRM export that cannot be read as accounts."""


@dataclass(frozen=True, slots=True)
class ImportedAccount:
    """The CRM-owned fields of one account, as read from one row."""

    row: int
    id: str
    fields: Mapping[str, Any]


@dataclass
class ImportResult:
    accounts: list[ImportedAccount] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """`FIELD=COLUMN` options -> {field: column}."""
    mapping = {}
    for item in items:
        name, sep, column = item.partition("=")
        name = name.strip().lower()
        if not sep or not column.strip():
            raise CrmExportError(
                f"--map {item!r}: write FIELD=COLUMN, e.g. --map owner='Owner Email'"
            )
        if name not in FIELDS:
            raise CrmExportError(
                f"--map {item!r}: unknown field {name!r}; known: {', '.join(FIELDS)}"
            )
        mapping[name] = column.strip()
    return mapping


def read_accounts(
    path: Path, mapping: Mapping[str, str] | None = None, day_first: bool = False
) -> ImportResult:
    """Read the export; rows that cannot be accounts are listed in `skipped`, with the reason."""
    text = _decode(path)
    if "\n" in text:
        # A "\r" that ends no line is a stray byte in a cell: blank, as spreadsheets show it.
        text = _STRAY_CR.sub(" ", text)
    # newline="": in an export whose lines end in "\r" alone (old Mac), each still ends a row.
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        headers = [h for h in (reader.fieldnames or []) if h]
    except csv.Error as err:
        raise CrmExportError(f"{path}: the header row is not CSV: {err}") from err
    columns = _columns(headers, mapping or {}, path)
    result = ImportResult(columns=columns)
    seen: dict[str, int] = {}
    for number, row in _rows(reader, path, result.skipped):
        values = {f: (row.get(c) or "").strip() for f, c in columns.items()}
        try:
            account = _account(number, values, day_first)
        except ValueError as err:
            result.skipped.append(f"{path.name}:{number}: {err}")
            continue
        if account is None:
            result.skipped.append(
                f"{path.name}:{number}: {values.get('name')!r} skipped: status is "
                f"{values.get('status')!r}, not a customer"
            )
            continue
        if account.id in seen:
            result.skipped.append(
                f"{path.name}:{number}: {account.id!r} repeats row {seen[account.id]}; "
                "the first row counts"
            )
            continue
        seen[account.id] = number
        result.accounts.append(account)
    return result


def _rows(
    reader: csv.DictReader[str], path: Path, skipped: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row with its number (the header is 1); a row the csv module cannot read is skipped,
    with why."""
    for number in itertools.count(2):
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            skipped.append(f"{path.name}:{number}: not read as CSV: {err}")
            continue
        yield number, row


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CrmExportError(f"cannot read {path}: {err.strerror}") from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet programs still save CSV in the machine's legacy encoding.
        best = from_bytes(data).best()
        if best is None:
            raise CrmExportError(f"{path}: not a text file; export the accounts as CSV") from None
        return str(best)


def _dialect(text: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _columns(headers: list[str], mapping: Mapping[str, str], path: Path) -> dict[str, str]:
    by_key = {_key(h): h for h in headers}
    columns: dict[str, str] = {}
    for name, column in mapping.items():
        if _key(column) not in by_key:
            raise CrmExportError(
                f"{path}: no column {column!r} (from --map {name}=...); the columns are: "
                + ", ".join(headers)
            )
        columns[name] = by_key[_key(column)]
    for name, known in COLUMNS.items():
        if name not in columns:
            found = next((by_key[_key(k)] for k in known if _key(k) in by_key), None)
            if found is not None:
                columns[name] = found
    for required in ("name", "owner"):
        if required not in columns:
            raise CrmExportError(
                f"{path}: no column for the account's {required}; the columns are: "
                f"{', '.join(headers)}; name one with --map {required}=COLUMN"
            )
    return columns


def _key(column: str) -> str:
    return re.sub(r"[^a-z0-9]", "", column.lower())


def _account(number: int, values: Mapping[str, str], day_first: bool) -> ImportedAccount | None:
    name = values.get("name", "")
    if not name:
        raise ValueError("no account name; the row is left out")
    if values.get("status", "").lower() in GONE:
        return None
    account_id = values.get("id") or slugify(name, max_length=80, word_boundary=True)
    if not account_id:
        raise ValueError(f"cannot make an id from the name {name!r}; add a `rivalradar id` column")
    fields: dict[str, Any] = {"name": name, "owner": _owner(values.get("owner", ""))}
    if values.get("value"):
        fields["value"] = _amount(values["value"])
    if values.get("renewal"):
        fields["renewal"] = _date(values["renewal"], day_first)
    if values.get("priority"):
        priority = PRIORITIES.get(values["priority"].lower())
        if priority is None:
            raise ValueError(
                f"priority {values['priority']!r} is none of high, medium, low (or hot, warm, cold)"
            )
        fields["priority"] = priority
    return ImportedAccount(number, account_id, fields)


def _owner(cell: str) -> str:
    match = _EMAIL.search(cell)
    if match is None:
        raise ValueError(
            f"owner {cell!r} is not an email address; map a column that holds the owner's "
            "email with --map owner=COLUMN"
        )
    try:
        return validate_email(match[0], check_deliverability=False).normalized
    except EmailNotValidError as err:
        raise ValueError(f"owner {cell!r}: {err}") from err


def _amount(cell: str) -> float:
    amount = Price.fromstring(cell).amount_float
    if amount is None or amount < 0:
        raise ValueError(f"value {cell!r} is not an amount")
    return float(amount)


def _date(cell: str, day_first: bool) -> date:
    try:
        return date.fromisoformat(cell[:10])
    except ValueError:
        pass
    try:
        return date_parser.parse(cell, dayfirst=day_first).date()
    except (ValueError, OverflowError, InvalidOperation) as err:
        raise ValueError(f"renewal {cell!r} is not a date") from err


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def merge_accounts(accounts: Sequence[ImportedAccount], report: MergeReport) -> Edit:
    """An edit that sets each account's CRM fields; an account is matched by id, then by name."""

    def edit(document: CommentedMap) -> None:
        existing = [a for a in document.get("accounts") or [] if isinstance(a, CommentedMap)]
        by_id = {str(a.get("id")): a for a in existing}
        by_name = {str(a.get("name", "")).casefold(): a for a in existing}
        for account in accounts:
            node = by_id.get(account.id) or by_name.get(str(account.fields["name"]).casefold())
            if node is None:
                report.added.append(account.id)
            elif all(node.get(k) == v for k, v in account.fields.items()):
                report.unchanged.append(str(node["id"]))
                continue
            else:
                report.updated.append(str(node["id"]))
            upsert_account(str(node["id"]) if node else account.id, account.fields)(document)

    return edit
