"""Background sentences for the bench's articles, from a small grammar of short parts.

The parts are short so that word 3-shingles mostly cross two parts: two articles then share few
shingles, as two real articles do, and the near-duplicate search works as hard as on real news.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

ADJECTIVES = (
    "enterprise", "regional", "low-orbit", "managed", "rural", "private", "wholesale", "premium",
    "hybrid", "maritime", "fixed-line", "cross-border", "long-haul", "bundled", "usage-based",
    "multi-year", "industrial", "backhaul", "consumer", "edge", "secure", "annual", "subsidised",
    "flexible", "dedicated", "shared", "cloud", "terrestrial", "broadband", "legacy",
    "next-generation", "cheaper", "larger", "smaller", "high-capacity", "critical", "public",
    "domestic", "international", "seasonal",
)  # fmt: skip
NOUNS = (
    "capacity", "contracts", "terminals", "pricing", "demand", "spending", "margins", "tenders",
    "installations", "renewals", "subscriptions", "coverage", "churn", "backlogs", "orders",
    "bandwidth", "revenue", "budgets", "upgrades", "deployments", "licences", "routes", "sites",
    "plans", "bundles", "discounts", "uptime", "latency", "traffic", "shipments", "suppliers",
    "customers", "networks", "services", "gateways", "hardware", "software", "support",
    "commitments", "rollouts",
)  # fmt: skip
COMPLEMENTS = (
    "in {region}", "among {industry} firms", "at large accounts", "for small businesses",
    "across the sector", "in rural areas", "at the top end", "in public tenders", "outside the cities",
    "for {industry} buyers", "in the mid-market", "on long routes", "at sea", "in the north",
    "along the coast", "near the border", "for government users", "in new markets",
    "at the low end", "for remote sites",
)  # fmt: skip
VERBS = (
    "rose", "fell", "stalled", "doubled", "slipped", "recovered", "surged", "flattened", "shifted",
    "tightened", "widened", "narrowed", "improved", "weakened", "accelerated", "slowed", "climbed",
    "dipped", "held steady", "grew", "shrank", "stabilised", "rebounded", "lagged", "peaked",
    "softened", "jumped", "eased", "diverged", "firmed", "cooled", "spiked", "plateaued",
    "fluctuated", "consolidated", "expanded", "contracted", "picked up", "levelled off", "wobbled",
)  # fmt: skip
ADVERBIALS = (
    "by {percent} percent", "last quarter", "this year", "over {months} months", "sharply",
    "modestly", "for a third quarter", "in {month}", "since {month}", "year on year",
    "faster than expected", "more slowly than planned", "after a weak start", "almost overnight",
    "in the second half", "for the first time in {years} years", "to about {count} units",
    "once again", "despite the holidays", "ahead of the tenders",
)  # fmt: skip
CONNECTORS = (
    "as", "while", "even as", "because", "although", "after", "before", "whereas", "just as",
    "now that",
)  # fmt: skip
OPENERS = (
    "Meanwhile", "Separately", "In {region}", "According to {firm}", "Last year", "By contrast",
    "At {competitor}", "Among rivals", "Elsewhere", "In {month}", "On balance", "For now",
    "Across the industry", "In the meantime", "Historically", "In its last report",
    "Over the summer", "In a note to clients", "Privately", "Earlier",
)  # fmt: skip
ACTIONS = (
    "expanded its sales team", "cut list prices", "added new ground stations",
    "opened an office in {region}", "hired engineers from rivals", "renegotiated supplier terms",
    "delayed a product launch", "signed smaller resellers", "rebuilt its support desk",
    "shifted spending to software", "closed a loss-making unit", "raised new debt",
    "tested a cheaper terminal", "courted {industry} customers", "trimmed its forecast",
    "doubled its marketing budget", "paused hiring", "moved staff to {region}",
    "overhauled its billing", "launched a loyalty scheme",
)  # fmt: skip
SPEAKERS = (
    "{person}, {role} at {competitor}, said", "Analysts at {firm} said",
    "People close to {account} said", "A spokesperson for {competitor} said",
    "Procurement managers said", "Industry consultants said", "Investors said",
    "A report by {firm} found",
)  # fmt: skip


def background(rng: random.Random, slots: Mapping[str, str]) -> str:
    """One sentence of market background in one of three shapes."""
    shape = rng.randrange(3)
    if shape == 0:
        first = f"{_clause(rng)}, {rng.choice(CONNECTORS)} {_clause(rng)}"
        text = f"{rng.choice(OPENERS)}, {first}."
    elif shape == 1:
        text = f"{rng.choice(SPEAKERS)} {_clause(rng)}."
    else:
        text = (
            f"{_noun_phrase(rng).capitalize()} {rng.choice(VERBS)} {rng.choice(ADVERBIALS)}, "
            f"{rng.choice(CONNECTORS)} {{competitor}} {rng.choice(ACTIONS)}."
        )
    return text.format_map(slots)


def _noun_phrase(rng: random.Random) -> str:
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(COMPLEMENTS)}"


def _clause(rng: random.Random) -> str:
    return f"{_noun_phrase(rng)} {rng.choice(VERBS)} {rng.choice(ADVERBIALS)}"
