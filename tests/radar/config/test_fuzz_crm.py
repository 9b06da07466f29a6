"""Fuzzing the CRM import: any export is read row by row, each bad row left out with its reason."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radar.config.crm.importer import CrmExportError, read_accounts
from tests.fuzz import UNTRUSTED_TEXT, fuzz

HEADER = "Account Name,Account Owner Email,Annual Revenue,Renewal Date,Priority"
CELLS = st.sampled_from(
    ["Acme Air", "ops@acme.example", "$1,200,000", "2027-03-31", "31/03/2027", "hot", '"', "\r",
     "\r\n", "\n", ",", ";", "\t", "00:00" + "1" * 40, "", " ", "é", "\x00", "=cmd|' /C calc'!A0"]
)  # fmt: skip


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crm") / "accounts.csv"


def read(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        result = read_accounts(path)
    except CrmExportError as err:
        assert str(err), "a refused export says why"
        return
    for account in result.accounts:
        assert account.fields["name"] and "@" in account.fields["owner"]
    assert all(problem.startswith(f"{path.name}:") for problem in result.skipped)


@fuzz(100)
@given(st.lists(st.lists(CELLS | UNTRUSTED_TEXT, max_size=6).map(",".join), max_size=5))
def test_any_crm_export_is_read_row_by_row_or_refused_with_its_reason(export, rows):
    read(export, "\n".join([HEADER, *rows]))


@fuzz(40)
@given(st.binary(max_size=200))
def test_any_bytes_are_an_export_or_refused_with_its_reason(export, data):
    export.write_bytes(data)
    with contextlib.suppress(CrmExportError):
        read_accounts(export)


@pytest.mark.parametrize(
    "text",
    [
        f"{HEADER}\rAcme Air,ops@acme.example,,,\rBolt Cargo,it@bolt.example,,,\r",
        f"{HEADER}\nAcme Air\r,ops@acme.example,,,\nBolt Cargo,it@bolt.example,,,\n",
        f"{HEADER}\r\nAcme Air,ops@acme.example\r,,,\r\nBolt Cargo,it@bolt.example,,,\r\n",
    ],
    ids=["lines-ending-in-cr", "stray-cr-in-a-cell", "stray-cr-in-crlf-lines"],
)
def test_a_stray_carriage_return_costs_no_account(tmp_path, text):
    path = tmp_path / "accounts.csv"
    path.write_text(text, encoding="utf-8", newline="")

    result = read_accounts(path)

    assert [a.fields["name"] for a in result.accounts] == ["Acme Air", "Bolt Cargo"]
    assert result.skipped == []


def test_a_renewal_date_that_breaks_the_date_parser_loses_only_its_row(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(
        f"{HEADER}\nAcme Air,ops@acme.example,,00:00{'1' * 40},\nBolt Cargo,it@bolt.example,,,\n",
        encoding="utf-8",
    )

    result = read_accounts(path)

    assert [a.fields["name"] for a in result.accounts] == ["Bolt Cargo"]
    assert result.skipped == [f"accounts.csv:2: renewal '00:00{'1' * 40}' is not a date"]
