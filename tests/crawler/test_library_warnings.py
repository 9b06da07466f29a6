"""A library's warning during a crawl is shown, never raised, whatever the warnings policy."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pytest

from crawler.library_warnings import report_library_warnings
from tests.conftest import site
from tests.pages import LAUNCH_BODY, article


def _warn_from(module_name: str, message: str = "this call is deprecated") -> None:
    """Warn as if from code in `module_name` (the module a warning is attributed to)."""
    scope = {"__name__": module_name}
    exec("import warnings\ndef call(m):\n    warnings.warn(m, DeprecationWarning)\n", scope)
    scope["call"](message)


def test_a_library_warning_is_shown_under_an_error_policy_and_ours_still_raise():
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("error")
        report_library_warnings()

        _warn_from("scrapy.http.response.text")
        with pytest.raises(DeprecationWarning):
            _warn_from("crawler.spiders.site")
        with pytest.raises(DeprecationWarning):
            _warn_from("radar")

    assert [str(w.message) for w in shown] == ["this call is deprecated"]


def test_a_filter_that_ignores_a_library_warning_keeps_its_precedence():
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", "known noise", DeprecationWarning, r"w3lib\.encoding")
        report_library_warnings()
        report_library_warnings()

        _warn_from("w3lib.encoding", "known noise")
        _warn_from("w3lib.html", "other noise")

    assert [str(w.message) for w in shown] == ["other noise"]
    twins = [f for f in warnings.filters if f[0] == "default" and f[3] is not None]
    assert len(twins) <= 1


def serve_one_article(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/news/").respond_with_data(
        f'<html><body><a href="{httpserver.url_for("/news/plan")}">Plan</a></body></html>',
        content_type="text/html",
    )
    # No charset anywhere: Scrapy infers the encoding, where w3lib 2.6 warns of its arguments.
    httpserver.expect_request("/news/plan").respond_with_data(
        article("Starlink adds an airline plan", LAUNCH_BODY).encode(), content_type="text/html"
    )


def test_a_crawl_under_an_error_policy_does_not_fail_its_source(
    httpserver, write_config, run_cli, store
):
    serve_one_article(httpserver)
    config = write_config(sources=[site("room", httpserver.url_for("/news/"))])

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("error")  # every warning an error, as `python -W error` makes it
        result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    assert store.health("room").consecutive_failures == 0
    assert store.titles("room") == ["Starlink adds an airline plan"]


def test_rivalradar_crawl_run_with_w_error_crawls_its_source(
    httpserver, write_config, model_cache, tmp_path
):
    serve_one_article(httpserver)
    config = write_config(sources=[site("room", httpserver.url_for("/news/"))])
    env = {
        **os.environ,
        "RIVALRADAR_DATA_DIR": str(tmp_path / "data"),
        "RIVALRADAR_CACHE_DIR": str(model_cache),
    }

    result = subprocess.run(
        [sys.executable, "-W", "error", "-m", "radar.cli", "--config", str(config), "crawl"],
        capture_output=True,
        text=True,
        env=env,
        timeout=110,
    )

    assert result.returncode == 0, result.stderr
    assert "new 1" in result.stdout and "failed 0" in result.stdout, result.stdout
