"""Load config/sources.yaml: every problem reported as FILE:LINE: field: message, sorted by line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from classifier.industries import INDUSTRIES
from crawler.addresses import literal_refusal
from crawler.kinds import load_kinds
from crawler.presets import load_presets
from radar.config.delivery import check_delivery
from radar.config.problems import Loc, Problems
from radar.config.schema import (
    SOURCE_BASE_KEYS,
    Account,
    CompanyFile,
    Competitor,
    RadarConfig,
    RawConfig,
    SourceBase,
    default_currency,
)
from radar.errors import ConfigError
from radar.records import ABOUT_NEWS, ABOUT_REGULATOR, AccountProfile, Company, SourceSpec

MIN_EVERY, MAX_EVERY = timedelta(minutes=1), timedelta(days=30)


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """A valid config, with its sources expanded into specs."""

    path: Path
    model: RadarConfig
    sources: tuple[SourceSpec, ...]

    def companies(self) -> list[Company]:
        accounts = [
            Company(a.id, a.name, "account", tuple(a.aliases), tuple(a.exclude))
            for a in self.model.accounts
        ]
        competitors = [
            Company(
                c.id, c.name, "competitor", tuple(c.aliases), tuple(c.exclude), tuple(c.domains)
            )
            for c in self.model.competitors
        ]
        return accounts + competitors

    def company_names(self) -> dict[str, str]:
        """Accounts' and competitors' names by id."""
        return {c.id: c.name for c in self.companies()}

    def source_names(self) -> dict[str, str]:
        """Each source's display name (`name:`), or its id when it has none."""
        names = {str(s.get("id")): s.get("name") for s in self.model.sources}
        return {spec.id: str(names.get(spec.id) or spec.id) for spec in self.sources}

    def currency(self, account: Account | None = None) -> str:
        """The account's currency (ISO 4217), else settings.currency, else the time zone's."""
        settings = self.model.settings
        if account is not None and account.currency:
            return account.currency
        return settings.currency or default_currency(settings.timezone)

    def currencies(self) -> dict[str, str]:
        """Each account's currency, by account id."""
        return {a.id: self.currency(a) for a in self.model.accounts}

    def account_profiles(self) -> list[AccountProfile]:
        return [
            AccountProfile(
                id=a.id,
                name=a.name,
                competitors=tuple(a.competitors),
                industry=a.industry,
                keywords=tuple(a.keywords),
                stakeholders=tuple(a.stakeholders),
                value=a.value,
                currency=self.currency(a),
                renewal=a.renewal,
                priority=a.priority,
            )
            for a in self.model.accounts
        ]

    def industries(self) -> dict[str, tuple[str, ...]]:
        merged = {name: tuple(terms) for name, terms in INDUSTRIES.items()}
        for name, terms in self.model.industries.items():
            merged[name] = merged.get(name, ()) + tuple(terms)
        return merged

    def source(self, source_id: str) -> SourceSpec | None:
        return next((s for s in self.sources if s.id == source_id), None)


def load_companies(path: Path) -> list[Company]:
    """The accounts and competitors of a companies-only file (a linking set's), as companies."""
    root = _read_yaml(path)
    problems = Problems(path, root)
    parsed = _validate(CompanyFile, _plain(root) if isinstance(root, Mapping) else {}, (), problems)
    problems.raise_if_any()
    return [
        Company(c.id, c.name, role, tuple(c.aliases), tuple(c.exclude))
        for role, entries in (("account", parsed.accounts), ("competitor", parsed.competitors))
        for c in entries
    ]


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(
            [f"{path}: cannot read it: {getattr(err, 'strerror', None) or err}"]
        ) from err
    try:
        return YAML(typ="rt").load(text)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ConfigError(
            [f"{path}:{line}: not valid YAML: {getattr(err, 'problem', err)}"]
        ) from err


def load_config(path: Path) -> LoadedConfig:
    """Read and validate the config; raise ConfigError naming every problem."""
    root = _read_yaml(path)
    problems = Problems(path, root)
    if root is None:
        root = CommentedMap()
    if not isinstance(root, Mapping):
        raise ConfigError([f"{path}:1: the config must be a mapping with accounts, sources, ..."])
    model, raw = _validate_model(_plain(root), problems)
    sources = tuple(_expand_sources(model, problems))
    _check_references(model, raw, problems)
    check_delivery(path, model, problems)
    problems.raise_if_any()
    return LoadedConfig(path, model, sources)


def _validate_model(raw: dict[str, Any], problems: Problems) -> tuple[RadarConfig, RawConfig]:
    """The typed config; entries with problems are reported and left out of the cross-checks."""
    top = _validate(RawConfig, raw, (), problems)
    if top is None:
        top = RawConfig.model_construct(
            accounts=_entries(raw, "accounts"),
            competitors=_entries(raw, "competitors"),
            sources=_entries(raw, "sources"),
        )
    accounts = [
        _validate(Account, a, ("accounts", i), problems) for i, a in enumerate(top.accounts)
    ]
    competitors = [
        _validate(Competitor, c, ("competitors", i), problems)
        for i, c in enumerate(top.competitors)
    ]
    model = RadarConfig.model_construct(
        settings=top.settings,
        alerts=top.alerts,
        industries=top.industries,
        sources=top.sources,
        accounts=[a for a in accounts if a is not None],
        competitors=[c for c in competitors if c is not None],
    )
    return model, top


def _entries(raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = raw.get(key)
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def _expand_sources(model: RadarConfig, problems: Problems) -> Iterator[SourceSpec]:
    kinds, presets = load_kinds(), load_presets()
    for index, raw in enumerate(model.sources):
        loc: Loc = ("sources", index)
        base_raw = {k: v for k, v in raw.items() if k in SOURCE_BASE_KEYS}
        rest = {k: v for k, v in raw.items() if k not in SOURCE_BASE_KEYS}
        try:
            base = SourceBase.model_validate(base_raw)
        except ValidationError as err:
            problems.add_validation(err, loc)
            continue
        url, kind = (str(base.url) if base.url else None), base.kind
        if base.preset is not None:
            found = presets.get(base.preset)
            if found is None:
                problems.add(
                    (*loc, "preset"),
                    f"unknown preset {base.preset!r}; known: {', '.join(sorted(presets))}",
                )
                continue
            own = {k: v for k, v in rest.items() if k in found.options.model_fields}
            rest = {k: v for k, v in rest.items() if k not in own}
            preset_options = _validate(found.options, own, loc, problems)
            if preset_options is None:
                continue
            target = found.expand(preset_options)
            url, kind = url or target.url, kind or target.kind
            rest = {**target.options, **rest}
        if url is None or kind is None:
            problems.add(loc, "a source needs `url` and `kind`, or a `preset`")
            continue
        refused = None if model.settings.allow_private_networks else literal_refusal(url)
        if refused:
            problems.add((*loc, "url"), refused)
        if kind not in kinds:
            problems.add(
                (*loc, "kind"), f"unknown kind {kind!r}; known: {', '.join(sorted(kinds))}"
            )
            continue
        options = _validate(kinds[kind].options, rest, loc, problems)
        if not MIN_EVERY <= base.every <= MAX_EVERY:
            problems.add((*loc, "every"), "must be between 1m and 30d")
        elif options is not None:
            yield SourceSpec(base.id, url, kind, base.about, base.every.total_seconds(), options)


def _validate(model: type[BaseModel], raw: dict[str, Any], loc: Loc, problems: Problems) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        problems.add_validation(err, loc)
        return None


def _check_references(model: RadarConfig, raw: RawConfig, problems: Problems) -> None:
    """Ids that point nowhere or repeat; checked on every entry, valid or not."""
    account_ids = [str(a.get("id")) for a in raw.accounts]
    competitor_ids = [str(c.get("id")) for c in raw.competitors]
    company_ids = _unique_ids(problems, "accounts", account_ids, set())
    company_ids |= _unique_ids(problems, "competitors", competitor_ids, company_ids)
    _unique_ids(problems, "sources", [str(s.get("id")) for s in raw.sources], set())
    industries = set(INDUSTRIES) | set(model.industries)
    for i, account in enumerate(raw.accounts):
        competitors = account.get("competitors")
        for j, competitor in enumerate(competitors if isinstance(competitors, list) else []):
            if competitor not in competitor_ids:
                problems.add(
                    ("accounts", i, "competitors", j), f"no competitor has the id {competitor!r}"
                )
        industry = account.get("industry")
        if isinstance(industry, str) and industry not in industries:
            known = ", ".join(sorted(industries))
            problems.add(
                ("accounts", i, "industry"),
                f"unknown industry {industry!r}; known: {known} (add more under `industries:`)",
            )
    abouts = company_ids | {ABOUT_REGULATOR, ABOUT_NEWS}
    for i, source in enumerate(raw.sources):
        about = source.get("about")
        if isinstance(about, str) and about not in abouts:
            problems.add(
                ("sources", i, "about"),
                f"{about!r} is no account or competitor id, nor `regulator` or `news`",
            )


def _unique_ids(problems: Problems, section: str, ids: Sequence[str], taken: set[str]) -> set[str]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen or item_id in taken:
            problems.add((section, index, "id"), f"the id {item_id!r} is used twice")
        seen.add(item_id)
    return seen


def _plain(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node
