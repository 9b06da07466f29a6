"""Made-up news articles about competitor moves, the same for the same number and seed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench import phrases
from bench.vocabulary import (
    ACCOUNTS,
    ANALYST_FIRMS,
    COMPETITORS,
    DETAILS,
    FIRST_NAMES,
    INDUSTRY_WORDS,
    LAST_NAMES,
    MONTHS,
    PRODUCTS,
    QUOTES,
    REGIONS,
    REGULATORS,
    ROLES,
    SECTIONS,
    STORIES,
    WEEKDAYS,
)

KINDS = tuple(STORIES)
MIN_WORDS, MAX_WORDS = 300, 900
# Moves that are about a named customer always name one; the others do half of the time.
NAMES_ACCOUNT = frozenset({"partnership", "executive"})


@dataclass(frozen=True, slots=True)
class Story:
    """One article's content: what it is about and its words."""

    number: int
    kind: str
    competitor_id: str
    account_id: str | None
    title: str
    standfirst: str
    paragraphs: tuple[str, ...]
    author: str
    section: str
    tags: tuple[str, ...]

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def write_story(number: int, seed: int) -> Story:
    """Article `number` of the site written with `seed`: 300 to 900 words about one move."""
    rng = random.Random(f"{seed}:{number}")
    kind = rng.choice(KINDS)
    competitor_id, account, fixed = _cast(rng, kind)
    headline, lead = rng.choice(STORIES[kind])
    first = _slots(rng, fixed)
    paragraphs = _body(rng, kind, lead.format_map(first), first, fixed)
    return Story(
        number=number,
        kind=kind,
        competitor_id=competitor_id,
        account_id=account[0] if account else None,
        title=_capitalised(headline.format_map(first)),
        standfirst=phrases.background(rng, _slots(rng, fixed)),
        paragraphs=tuple(paragraphs),
        author=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        section=rng.choice(SECTIONS[:8]),
        tags=(fixed["competitor"], kind, fixed["region"]),
    )


def _cast(rng: random.Random, kind: str) -> tuple[str, tuple[str, str, str] | None, dict[str, str]]:
    """The competitor's id, the account the story names (if any), and the names its sentences
    use throughout."""
    competitor_id, competitor = rng.choice(COMPETITORS)
    account = rng.choice(ACCOUNTS) if kind in NAMES_ACCOUNT or rng.random() < 0.5 else None
    industry = account[2] if account else rng.choice(tuple(INDUSTRY_WORDS))
    product = rng.choice(PRODUCTS)
    fixed = {
        "competitor": competitor,
        "account": account[1] if account else "one large customer",
        "industry": INDUSTRY_WORDS[industry],
        "product": product,
        "a_product": ("an " if product[0] in "aeiou" else "a ") + product,
        "region": rng.choice(REGIONS),
        "regulator": rng.choice(REGULATORS),
        "person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "role": rng.choice(ROLES),
        "firm": rng.choice(ANALYST_FIRMS),
        "weekday": rng.choice(WEEKDAYS),
    }
    return competitor_id, account, fixed


def _body(
    rng: random.Random, kind: str, lead: str, first: dict[str, str], fixed: dict[str, str]
) -> list[str]:
    """The lead and two details, then paragraphs up to a length drawn between the bounds."""
    details = list(DETAILS[kind])
    rng.shuffle(details)
    paragraphs = [" ".join([lead, *(details.pop().format_map(first) for _ in "12")])]
    # A sentence may run past the target: it leaves room for the longest one.
    target = rng.randint(MIN_WORDS, MAX_WORDS - 40)
    words = len(paragraphs[0].split())
    while words < target:
        paragraph = _paragraph(rng, fixed, details, target - words)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return paragraphs


def _paragraph(
    rng: random.Random, fixed: dict[str, str], details: list[str], max_words: int
) -> str:
    """Three to six sentences (fewer past `max_words`): background, a quote or a detail."""
    sentences: list[str] = []
    for _ in range(rng.randint(3, 6)):
        if sum(len(s.split()) for s in sentences) >= max_words:
            break
        slots = _slots(rng, fixed)
        roll = rng.random()
        if roll < 0.12 and details:
            sentences.append(details.pop().format_map(slots))
        elif roll < 0.22:
            sentences.append(rng.choice(QUOTES).format_map(slots))
        else:
            sentences.append(phrases.background(rng, slots))
    return " ".join(sentences)


def _slots(rng: random.Random, fixed: dict[str, str]) -> dict[str, str]:
    """The story's names, with figures drawn afresh for each sentence."""
    return {
        **fixed,
        "percent": str(rng.randint(3, 40)),
        "price": f"${rng.randint(19, 499)}",
        "money": f"${rng.randint(2, 900)} million",
        "count": f"{rng.randint(12, 9000):,}",
        "months": str(rng.randint(2, 18)),
        "years": str(rng.randint(2, 25)),
        "month": rng.choice(MONTHS),
    }


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
