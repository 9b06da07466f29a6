"""The shape of config/sources.yaml as pydantic models; radar/config/loader.py loads it."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.core import get_global
from babel.numbers import get_territory_currencies, list_currencies
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$")
_UNIT_S = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_duration(value: Any) -> timedelta:
    """'6h', '30s', '1d', '500ms' -> timedelta; a bare number is seconds."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=value)
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a duration; write a number and a unit: 30s, 5m, 6h, 1d")
    return timedelta(seconds=float(match[1]) * _UNIT_S[match[2]])


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ValueError(
            f"{name!r} is not a time zone; use an IANA name like Europe/London"
        ) from err
    return name


def _check_clock(value: Any) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError as err:
        raise ValueError(f'{value!r} is not a time of day; write it as "HH:MM"') from err


def _check_currency(code: str) -> str:
    if code.upper() not in list_currencies():
        raise ValueError(f"{code!r} is not a currency code; use an ISO 4217 code like EUR or USD")
    return code.upper()


def default_currency(timezone: str) -> str:
    """The currency of the time zone's country (Europe/London: GBP), else USD."""
    territory = get_global("zone_territories").get(timezone)
    found = get_territory_currencies(territory) if territory else []
    return str(found[0]) if found else "USD"


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
Currency = Annotated[str, AfterValidator(_check_currency)]
TimeZone = Annotated[str, AfterValidator(_check_timezone)]
ClockTime = Annotated[time, BeforeValidator(_check_clock)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Politeness(Strict):
    concurrency: int = Field(2, ge=1, le=32)
    delay: Duration = timedelta(seconds=1)


class Smtp(Strict):
    host: str
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    sender: str
    timeout: Duration = timedelta(seconds=30)


class Web(Strict):
    """`rivalradar serve`'s sign-in sessions."""

    session_idle: Duration = timedelta(hours=8)  # signed out after this long without a request
    session_lifetime: Duration = timedelta(days=7)  # and this long after signing in, whatever
    # The session cookie's `Secure` flag: `auto` sets it on requests that came over https.
    secure_cookie: Literal["auto", "always", "never"] = "auto"


class Settings(Strict):
    timezone: TimeZone = "Europe/London"
    # How account values and revenue at risk are shown; by default the currency of `timezone`'s
    # country (Europe/London: GBP), else USD. An account may name its own.
    currency: Currency | None = None
    digest_day: Weekday = "monday"
    digest_time: ClockTime = time(7, 0)
    quiet_week: Literal["note", "skip"] = "note"
    allow_private_networks: bool = False
    request_timeout: Duration = timedelta(seconds=30)
    max_body: Annotated[int, Field(ge=1024)] = 10 * 1024 * 1024
    contact: HttpUrl | None = None
    politeness: Politeness = Politeness()
    smtp: Smtp | None = None
    # How long `rivalradar run` keeps crawl runs and superseded page snapshots; documents stay.
    retention: Duration = timedelta(days=180)
    leadership: list[EmailStr] = []  # who gets the weekly portfolio digest
    templates: str | None = None  # a folder of Jinja2 templates overriding the shipped ones
    # Processes that extract and classify fetched pages: one per core by default; 0 does it all
    # in the crawling process.
    workers: Annotated[int, Field(ge=0, le=64)] | None = None
    # How long a crawl asked to stop (SIGTERM, Ctrl-C) may take to close its running sources and
    # store what they fetched before it is abandoned.
    stop_timeout: Duration = timedelta(seconds=30)
    # A Redis URL: `rivalradar run` enqueues due crawls there and `rivalradar worker`s take them.
    queue: Annotated[str, Field(pattern=r"^rediss?://")] | None = None
    web: Web = Web()


class Account(Strict):
    id: Slug
    name: str = Field(min_length=1)
    aliases: list[str] = []
    exclude: list[str] = []
    industry: str | None = None
    timezone: TimeZone | None = None
    keywords: list[str] = []
    owner: EmailStr
    cc: list[EmailStr] = []
    competitors: list[str] = []
    value: float | None = Field(None, ge=0)
    currency: Currency | None = None  # of `value`; settings.currency when absent
    renewal: date | None = None
    stakeholders: list[str] = []
    priority: Literal["high", "medium", "low"] | None = None


class Competitor(Strict):
    id: Slug
    name: str = Field(min_length=1)
    aliases: list[str] = []
    exclude: list[str] = []
    domains: list[str] = []


class SourceBase(Strict):
    """The keys every source has; a kind's or preset's own keys are checked by its model."""

    id: Slug
    name: str | None = Field(None, min_length=1)  # shown to readers; the id when absent
    url: HttpUrl | None = None
    kind: str | None = None
    preset: str | None = None
    about: str
    every: Duration = timedelta(hours=12)


SOURCE_BASE_KEYS = frozenset(SourceBase.model_fields)


class Alerts(Strict):
    threshold: int = Field(70, ge=0, le=100)
    email_owner: bool = True
    notify: list[str] = []


class CompanyEntry(BaseModel):
    """An account or competitor as a linking set's companies file lists it."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    name: str = Field(min_length=1)
    aliases: list[str] = []
    exclude: list[str] = []


class CompanyFile(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    accounts: list[CompanyEntry] = []
    competitors: list[CompanyEntry] = []


class RawConfig(Strict):
    """The top level; list entries are checked one by one, so that every bad entry is reported."""

    settings: Settings = Settings()
    accounts: list[dict[str, Any]] = []
    competitors: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    alerts: Alerts = Alerts()
    industries: dict[str, list[str]] = {}


class RadarConfig(Strict):
    settings: Settings = Settings()
    accounts: list[Account] = []
    competitors: list[Competitor] = []
    sources: list[dict[str, Any]] = []
    alerts: Alerts = Alerts()
    industries: dict[str, list[str]] = {}
