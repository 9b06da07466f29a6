"""One exception tree for every failure we expect; str(err) is shown to users as it is."""


class RadarError(Exception):
    """Every failure we expect. str(err) is shown to users as it is."""


class ConfigError(RadarError):
    """An invalid config: one line per problem, each "FILE:LINE: field: problem"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class StoreError(RadarError):
    """The database cannot be reached or is not in the expected shape."""


class UnknownIdError(RadarError):
    """An account, competitor or source id that the config does not have."""


class SourceError(RadarError):
    """A fault of one source; recorded on the source's health, never fatal to a crawl."""

    diagnosis = "error"

    def __init__(self, source_id: str, url: str, problem: str) -> None:
        super().__init__(f"{source_id}: {problem} ({url})")
        self.source_id, self.url, self.problem = source_id, url, problem


class FetchTimeout(SourceError):
    diagnosis = "timeout"


class HttpStatusError(SourceError):
    diagnosis = "http"


class BodyTooLarge(SourceError):
    diagnosis = "body too large"


class NotAFeed(SourceError):
    diagnosis = "not a feed"


class BlockedAddress(SourceError):
    diagnosis = "private network"


class DeliveryError(RadarError):
    """A digest or alert could not be delivered."""


class ModelError(RadarError):
    """The category model cannot be trained or loaded."""


class ExtractionError(RadarError):
    """A body that cannot be read as what it claims to be (a feed that is not one, say)."""


class CrawlStopped(RadarError):
    """A crawl abandoned before it finished (a second stop signal, or its stop bound passed)."""
