"""ISO weeks ("2026-W47") and their bounds in an account's time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(text: str) -> tuple[int, int]:
    """'2026-W47' -> (2026, 47); ValueError naming the expected form otherwise."""
    match = _WEEK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week; write it as YYYY-Www, e.g. 2026-W47")
    year, week = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError as err:
        raise ValueError(f"{text!r}: {year} has no week {week}") from err
    return year, week


def week_bounds(week: str, timezone: str) -> tuple[datetime, datetime]:
    """The week's start and end (Monday 00:00 to the next), in the zone, as UTC datetimes."""
    year, number = parse_week(week)
    zone = ZoneInfo(timezone)
    monday = date.fromisocalendar(year, number, 1)
    start = datetime.combine(monday, time(0), tzinfo=zone)
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def send_moment(week: str, timezone: str, weekday: int, at: time) -> datetime:
    """When the week's digest goes out (UTC): the first `weekday` (0 = Monday) after the week,
    at the local time `at` in the zone."""
    year, number = parse_week(week)
    day = date.fromisocalendar(year, number, 1) + timedelta(days=7 + weekday)
    return datetime.combine(day, at, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def week_of(moment: datetime, timezone: str) -> str:
    year, number, _ = moment.astimezone(ZoneInfo(timezone)).isocalendar()
    return f"{year}-W{number:02d}"


def previous_week(moment: datetime, timezone: str) -> str:
    """The last complete week before `moment`, in the zone: what Monday's digest covers."""
    return week_of(moment.astimezone(ZoneInfo(timezone)) - timedelta(days=7), timezone)
