"""The JSON API answers as its own OpenAPI schema says: every route, as a manager and as an
analyst, with requests made from the schema (schemathesis, a bounded number per route)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance

from radar.config.edit import version_of
from radar.store.tokens import issue_token
from radar.web.throttle import SignInThrottle
from tests.radar.web.conftest import NOW, record_failure, story

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
BOUNDED = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.mark.parametrize(
    "email", ["max@example.com", "ana@example.com"], ids=["manager", "analyst"]
)
def test_every_answer_matches_the_schema(web, email):
    story(web.store, "https://orbitnet.example/news/wifi", "OrbitNet to power wifi", "partnership")
    record_failure(web.store)
    token = issue_token(web.store, email, NOW, timedelta(days=1))
    schema = schemathesis.openapi.from_asgi("/openapi.json", web.client.app)
    routes = [result.ok() for result in schema.get_all_operations()]
    failures: dict[str, str] = {}

    for route in routes:

        @given(case=route.as_strategy())
        @BOUNDED
        def call(case) -> None:
            # Each request from a new count: schemathesis also sends made-up tokens on purpose.
            web.client.app.state.throttle = SignInThrottle()
            headers = {"Authorization": f"Bearer {token}"}
            if case.method.upper() in WRITES:
                # The current version, so that writes reach validation and the file, not 409.
                headers["If-Match"] = version_of(web.config.read_text(encoding="utf-8"))
            # Filters are checked past what a schema can say (a week that does not exist, an
            # unknown category); their 422 is documented, so a refusal is no violation.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            call()
        except (AssertionError, FailureGroup) as err:
            failures[route.label] = "\n".join(_messages(err))

    assert len(routes) == 13
    assert failures == {}, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())


def _messages(err: BaseException) -> list[str]:
    if isinstance(err, BaseExceptionGroup):
        return [m for sub in err.exceptions for m in _messages(sub)]
    return [str(err)[:600]]
