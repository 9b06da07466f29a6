"""The editor's account form: a config entry as the form's text fields, and back."""

from __future__ import annotations

from datetime import date
from typing import Any

ACCOUNT_LISTS = ("aliases", "keywords", "cc", "competitors", "stakeholders")
ACCOUNT_TEXT = ("name", "industry", "timezone", "owner", "priority", "value", "renewal")


def account_values(entry: Any) -> dict[str, str]:
    values = {"id": str(entry.get("id", ""))}
    for key in ACCOUNT_TEXT:
        if entry.get(key) is not None:
            values[key] = str(entry[key])
    for key in ACCOUNT_LISTS:
        values[key] = ", ".join(str(v) for v in entry.get(key) or [])
    return values


def account_fields(form: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The form's fields as YAML values, and the keys it emptied (removed from the entry)."""
    fields: dict[str, Any] = {}
    removed: list[str] = []
    for key in ACCOUNT_TEXT:
        value = form.get(key, "").strip()
        if value:
            fields[key] = _typed(key, value)
        else:
            removed.append(key)
    for key in ACCOUNT_LISTS:
        items = [v.strip() for v in form.get(key, "").split(",") if v.strip()]
        if items:
            fields[key] = items
        else:
            removed.append(key)
    return fields, removed


def _typed(key: str, value: str) -> Any:
    """Numbers and dates as YAML writes them; anything unreadable goes on as text to validation."""
    try:
        if key == "value":
            number = float(value.replace(",", ""))
            return int(number) if number.is_integer() else number
        if key == "renewal":
            return date.fromisoformat(value)
    except ValueError:
        return value
    return value
