"""The config's delivery settings checked when it is loaded: templates and alert channels.

The mail server and the notify URLs are outbound connections like sources: one written as a
loopback, private, link-local or reserved address (in any spelling) is refused here unless
settings.allow_private_networks is true; a host name is checked when a message is sent.
"""

from __future__ import annotations

from pathlib import Path

from crawler.addresses import host_literal_refusal
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
    allow_private = model.settings.allow_private_networks
    smtp = model.settings.smtp
    refused = None if smtp is None or allow_private else host_literal_refusal(smtp.host, "reached")
    if refused:
        problems.add(("settings", "smtp", "host"), refused)
    if model.alerts.notify:
        # only configs with channels pay for apprise's import
        from digest.channels.notify import plugin_of, target_host

        for index, url in enumerate(model.alerts.notify):
            service = plugin_of(url)
            if service is None:
                problems.add(
                    ("alerts", "notify", index),
                    "not a notification URL apprise knows (e.g. slack://, msteams://, discord://)",
                )
            elif not allow_private:
                refused = host_literal_refusal(target_host(service), "reached")
                if refused:
                    problems.add(("alerts", "notify", index), refused)
