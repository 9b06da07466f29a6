"""The config's delivery settings checked when it is loaded: templates and alert channels."""

from __future__ import annotations

from pathlib import Path

from radar.config.problems import Problems
from radar.config.schema import RadarConfig


def check_delivery(path: Path, model: RadarConfig, problems: Problems) -> None:
    """Templates and alert channels are checked now, not on Monday morning."""
    folder = model.settings.templates
    if folder and not (path.parent / folder).resolve().is_relative_to(path.parent.resolve()):
        problems.add(
            ("settings", "templates"),
            f"{folder} is outside the config's folder; templates must be in or under it",
        )
    elif folder and not (path.parent / folder).is_dir():
        problems.add(("settings", "templates"), f"{path.parent / folder} is not a folder")
    if model.alerts.notify:
        import apprise  # only configs with channels pay for its import

        for index, url in enumerate(model.alerts.notify):
            if not apprise.Apprise().add(url):
                problems.add(
                    ("alerts", "notify", index),
                    "not a notification URL apprise knows (e.g. slack://, msteams://, discord://)",
                )
