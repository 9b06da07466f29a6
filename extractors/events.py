"""Is this the same event, told in other words? Rewritten coverage of one event shares its specifics.

Two items of one competitor and category, days apart, share the generic words of their kind
("appoints", "chief", "price", "plan"). Coverage of the same event also shares its specifics:
the people, products, places and figures. So the lead (title and first sentences) of each item is
weighed word by word by how rare the word is in the language (wordfreq), reduced to its stem
(Snowball: "cached" and "cache" are one word), and compared by weighted cosine. Headlines are compared with rapidfuzz: a near-identical headline (a feed entry
and its press release) is the same event too, unless the two carry different figures of one
kind ("raises the plan to $120" and "to $130"; see `extractors.figures`).

Japanese, Korean and Chinese are written without spaces between words (Korean between phrases
only), and wordfreq splits them into words with MeCab or jieba, which are not installed (large,
unmaintained source-only packages). Their leads are character bigrams instead, the usual way to
compare such text without a dictionary: weighed by wordfreq's frequency where the bigram is a
word, and like a common word where it is not (it mostly spans two words). Measured on pairs
written for `tests/extractors/test_events.py`: retellings of one event score 0.19-0.89, two
events of one company 0.002-0.04; with MeCab and jieba, 0.16-0.74 and 0-0.013.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, utils
from wordfreq import available_languages, get_frequency_dict, zipf_frequency
from wordfreq.tokens import simple_tokenize, tokenize

from extractors.figures import figures
from extractors.scripts import UNSPACED_RUN

# The title and this many words of the body: a rewrite tells the event's specifics in its own
# order, often past the first paragraph.
LEAD_WORDS = 120
# Two leads' similarity counts in full when they share at least two words that weigh this much
# together (an amount, a rare name, several uncommon words: two short items may share one
# uncommon word and little else).
MIN_SHARED = 30.0
MIN_SHARED_WORDS = 2
# rapidfuzz token-sort ratio from which two headlines are the same headline reworded.
SAME_TITLE = 90.0
# Words at least this common (Zipf scale: 5 is once per 100,000 words) carry no evidence.
_COMMON_ZIPF = 5.0
_RARE_WEIGHT = 16.0
# An amount or a percentage ("$120", "25%") weighs as much as a word met once in 10 million
# words; a bare number ("86 aircraft") half as much: many events have a 40 or a 300 in them.
_FIGURE_WEIGHTS = {"money": 8.0, "percent": 8.0, "number": 4.0}
_LANGUAGES = frozenset(available_languages())
# Snowball names its stemmers by language name; these are the ISO 639-1 codes of those it has.
_SNOWBALL_NAMES = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "eu": "basque",
    "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian",
    "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian", "nb": "norwegian",
    "ne": "nepali", "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil",
    "tr": "turkish",
}  # fmt: skip
_POSSESSIVE = re.compile(r"['’]s$")
_HAS_DIGIT = re.compile(r"\d")  # the mark of a figure among a lead's words
# A dateline ("DUBLIN, Nov 11 (Eurowire) - ") names where a source files from and the source
# itself; a closing "About <company>:" paragraph is a source's boilerplate. Neither tells the event,
# and both are shared by every item of one source.
_DATELINE = re.compile(
    r"^\s*[A-ZÀ-Þ][^\n,()–—]{0,40},[^\n()–—]{0,40}?(?:\([^()\n]{1,40}\))?\s*[–—-]{1,2}\s+"
)
_ABOUT = re.compile(
    r"\s(?:About|Über|À propos de|Acerca de|Informazioni su|Sobre)\s[^.:\n]{1,60}:.*$", re.S
)
# Languages whose wordfreq tokenizer needs MeCab or jieba: read as character bigrams.
_BIGRAM_LANGUAGES = frozenset({"ja", "ko", "zh"})
# An unknown bigram weighs as a word at this Zipf frequency: a common word, little evidence.
_UNKNOWN_BIGRAM_ZIPF = _COMMON_ZIPF - 0.01


@dataclass(frozen=True, slots=True)
class Lead:
    """The words of an item's title and lead, each with its weight, ready to compare."""

    weights: dict[str, float]
    norm: float

    @classmethod
    def of(cls, weights: dict[str, float]) -> Lead:
        return cls(weights, math.sqrt(sum(w * w for w in weights.values())))


def lead_of(title: str, text: str, language: str | None, names: Iterable[str] = ()) -> Lead:
    """The weighted stems of the title and first sentences; company names are left out."""
    lang = _language(language)
    stem = _stemmer(lang)
    words = " ".join(news_body(text).split()[:LEAD_WORDS])
    left_out = {_bare(t) for name in names for t in _tokens(name, lang)}
    lead = f"{title}. {words}"
    weights = {f: _FIGURE_WEIGHTS[kind] for kind, found in figures(lead).items() for f in found}
    for token in map(_bare, _tokens(lead, lang)):
        if token in left_out or any(ch.isdigit() for ch in token):
            continue  # figures are taken whole above, with their currency
        key = stem(token)
        weight = _weight(token, lang)
        if weight and key not in weights:
            weights[key] = weight
    return Lead.of(weights)


def news_body(text: str) -> str:
    """The text without its dateline and its closing "About ..." boilerplate."""
    return _ABOUT.sub("", _DATELINE.sub("", text, count=1), count=1)


def lead_similarity(a: Lead, b: Lead) -> float:
    """Weighted cosine of two leads: 1 for the same words, 0 for nothing specific shared."""
    if not a.norm or not b.norm:
        return 0.0
    return _shared(a, b) / (a.norm * b.norm)


def specific_similarity(a: Lead, b: Lead) -> float:
    """The leads' similarity, in so far as it rests on several specifics.

    Two items of one kind share "appoints" and "chief"; two items of one sector or country share
    one rare word (a place, an aircraft type). Reports of one event share more: an amount, or
    several names. So the similarity is 0 below two shared words, and scaled down while the
    shared words, but the heaviest word that is no figure, weigh less together than `MIN_SHARED`.
    """
    if not a.norm or not b.norm:
        return 0.0
    mine, theirs = a.weights, b.weights
    shared = [(t, mine[t] * theirs[t]) for t in mine.keys() & theirs.keys()]
    if len(shared) < MIN_SHARED_WORDS:
        return 0.0
    total = sum(product for _, product in shared)
    heaviest_word = max((p for t, p in shared if not _HAS_DIGIT.search(t)), default=0.0)
    specific = total - heaviest_word
    return total / (a.norm * b.norm) * min(1.0, specific / MIN_SHARED)


def _shared(a: Lead, b: Lead) -> float:
    return sum(w * b.weights[t] for t, w in a.weights.items() if t in b.weights)


def title_similarity(a: str, b: str) -> float:
    """rapidfuzz token-sort ratio of two headlines, 0-100."""
    return float(fuzz.token_sort_ratio(a, b, processor=utils.default_process))


def _bare(token: str) -> str:
    """The token without a possessive ending: "orbitnet's" is "orbitnet"."""
    return _POSSESSIVE.sub("", token)


@lru_cache(maxsize=64)
def _stemmer(lang: str) -> Callable[[str], str]:
    name = _SNOWBALL_NAMES.get(lang)
    if name is None:
        return str
    stemmer = snowballstemmer.stemmer(name)
    return lru_cache(maxsize=100_000)(stemmer.stemWord)


def _tokens(text: str, lang: str) -> list[str]:
    """wordfreq's words; character bigrams of Japanese, Korean and Chinese runs."""
    if lang not in _BIGRAM_LANGUAGES:
        return tokenize(text, lang)
    tokens: list[str] = []
    for word in simple_tokenize(text):
        runs = UNSPACED_RUN.findall(word)
        if not runs:
            tokens.append(word)
        for run in runs:
            tokens.extend(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
    return tokens


@lru_cache(maxsize=200_000)
def _weight(token: str, lang: str) -> float:
    if len(token) < 2:
        return 0.0
    zipf = _bigram_zipf(token, lang) if lang in _BIGRAM_LANGUAGES else zipf_frequency(token, lang)
    if zipf >= _COMMON_ZIPF:
        return 0.0
    return float(min(2.0 ** (_COMMON_ZIPF - zipf), _RARE_WEIGHT))


def _bigram_zipf(token: str, lang: str) -> float:
    """wordfreq's Zipf frequency of a bigram, looked up whole (its lookup would split it)."""
    frequency = get_frequency_dict(lang).get(token)
    return math.log10(frequency) + 9 if frequency else _UNKNOWN_BIGRAM_ZIPF


def _language(language: str | None) -> str:
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return code if code in _LANGUAGES else "en"
