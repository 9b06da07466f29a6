"""`accounts import FILE.csv`: key accounts from CRM exports merged into the config."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from radar.config.loader import load_config
from tests.conftest import SHIPPED_CONFIG

SALESFORCE = """\
"Account ID","Account Name","Account Owner","Account Owner Email","Type","Rating","Annual Revenue","Contract End Date","Billing Country"
"0015g00000AbCdE","Meridian Airways","Dana Whitfield","dana.whitfield@example.com","Customer - Direct","Hot","4,200,000,000","3/31/2028","United States"
"0015g00000FgHiJ","Harbourline Ferries","Liam Hart","liam.hart@example.com","Customer - Channel","Warm","310,000,000","10/15/2027","Ireland"
"0015g00000KlMnO","Gullwing Charter","Liam Hart","liam.hart@example.com","Prospect","Cold","12,000,000","","Ireland"
"""

HUBSPOT = """\
Record ID,Company name,Company owner,Total Revenue,Lifecycle Stage,Priority
1029384756,Pinewood Rail,sofia.brenner@example.com,"$ 700,000.00",Customer,Medium
1029384757,Alpine Metro Lines,sofia.brenner@example.com,"$ 180,500.00",Customer,
1029384758,Valley Tramways,Sofia Brenner,"$ 90,000.00",Customer,
"""

SPREADSHEET = """\
name;owner;value;renewal;status;priority
Coastline Cruises;liam.hart@example.com;1 100 000;2028-10-31;active;high
Northport Harbour;liam.hart@example.com;250000;2027-05-01;churned;low
"""


def config_copy(tmp_path: Path) -> Path:
    path = tmp_path / "sources.yaml"
    shutil.copy(SHIPPED_CONFIG, path)
    return path


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_salesforce_export_updates_crm_fields_and_keeps_hand_made_ones(tmp_path, run_cli):
    config = config_copy(tmp_path)
    export = write(tmp_path, "salesforce.csv", SALESFORCE)

    result = run_cli("--config", config, "accounts", "import", export)

    assert result.exit_code == 0, result.stderr
    assert "1 added, 1 updated, 0 unchanged, 1 skipped" in result.stdout
    accounts = {a.id: a for a in load_config(config).model.accounts}
    meridian = accounts["meridian-airways"]
    assert meridian.renewal == dt.date(2028, 3, 31) and meridian.priority == "high"
    assert meridian.stakeholders == ["Helen Marsh", "Tomasz Brandt"]
    assert meridian.competitors == ["orbitnet", "skylane"]
    assert meridian.value == 2_400_000  # a company's own revenue is not what it pays us
    ferries = accounts["harbourline-ferries"]
    assert str(ferries.owner) == "liam.hart@example.com" and ferries.priority == "medium"
    assert "gullwing-charter" not in accounts
    assert "status is 'Prospect'" in result.stderr
    assert "# Aliases are matched as whole names" in config.read_text()


def test_hubspot_export_takes_revenue_as_value_and_reports_rows_without_an_owner_email(
    tmp_path, run_cli
):
    config = config_copy(tmp_path)
    export = write(tmp_path, "hubspot.csv", HUBSPOT)

    result = run_cli("--config", config, "accounts", "import", export)

    assert result.exit_code == 0, result.stderr
    accounts = {a.id: a for a in load_config(config).model.accounts}
    assert accounts["pinewood-rail"].value == 700_000
    assert accounts["alpine-metro-lines"].value == 180_500
    assert "valley-tramways" not in accounts
    assert "owner 'Sofia Brenner' is not an email address" in result.stderr
    assert "--map owner=COLUMN" in result.stderr


def test_a_plain_spreadsheet_in_a_legacy_encoding_with_semicolons_is_read(tmp_path, run_cli):
    config = config_copy(tmp_path)
    text = SPREADSHEET.replace("Coastline Cruises", "Coastline Cruises Société")
    export = write(tmp_path, "accounts.csv", text, encoding="cp1252")

    result = run_cli("--config", config, "accounts", "import", export)

    assert result.exit_code == 0, result.stderr
    accounts = {a.id: a for a in load_config(config).model.accounts}
    added = accounts["coastline-cruises-societe"]
    assert added.name == "Coastline Cruises Société" and added.value == 1_100_000
    assert "northport-harbour" not in accounts


def test_the_map_option_names_a_column_of_any_name(tmp_path, run_cli):
    config = config_copy(tmp_path)
    export = write(
        tmp_path,
        "custom.csv",
        "Customer,KAM e-mail,Yearly fee,Next renewal\n"
        "Pinewood Rail,new.kam@example.com,750000,31/01/2029\n",
    )

    result = run_cli(
        "--config",
        config,
        "accounts",
        "import",
        export,
        "--map",
        "owner=KAM e-mail",
        "--map",
        "value=Yearly fee",
        "--map",
        "renewal=Next renewal",
        "--day-first",
    )

    assert result.exit_code == 0, result.stderr
    pinewood = next(a for a in load_config(config).model.accounts if a.id == "pinewood-rail")
    assert str(pinewood.owner) == "new.kam@example.com" and pinewood.value == 750_000
    assert pinewood.renewal == dt.date(2029, 1, 31)
    assert pinewood.keywords == [
        "train wifi",
        "passenger information displays",
        "rail connectivity",
    ]


def test_an_import_the_config_would_refuse_changes_nothing(tmp_path, run_cli):
    config = config_copy(tmp_path)
    before = config.read_bytes()
    # "OrbitNet" becomes an account whose id is already a competitor's.
    export = write(tmp_path, "clash.csv", "name,owner\nOrbitNet,ops@example.com\n")

    result = run_cli("--config", config, "accounts", "import", export)

    assert result.exit_code == 1
    assert "the id 'orbitnet' is used twice" in result.stderr
    assert config.read_bytes() == before


def test_an_export_without_a_name_column_says_which_columns_it_has(tmp_path, run_cli):
    config = config_copy(tmp_path)
    export = write(tmp_path, "odd.csv", "Firma,Betreuer\nX,a@example.com\n")

    result = run_cli("--config", config, "accounts", "import", export)

    assert result.exit_code == 1
    assert "no column for the account's name; the columns are: Firma, Betreuer" in result.stderr
