"""What kind of word a company name is, and the words around a name that say "this is the company".

A one-word name that is also an English word ("Target", "Shell", "Orange", "Three") or a
proper noun of its own ("Amazon", "Monday") is ambiguous: it counts as the company only with
company context. The dictionary is english-words (Webster's 2nd and GCIDE), so any configured
name is judged the same way, not just the ones we thought of.

The dictionary's 340,000 words are held in a MARISA trie (about 1 MB; as a set of strings they
took about 47 MB in every process). A crawl's workers map one trie file written into the cache
(`dictionary_file`), so they share its pages too; a process that was given no file builds the
trie in memory on first use.
"""

from __future__ import annotations

import contextlib
import logging
import os
from enum import StrEnum
from importlib.metadata import version
from pathlib import Path

import marisa_trie
from english_words import get_english_words_set

log = logging.getLogger(__name__)

_SOURCES = ["web2", "gcide"]


class NameKind(StrEnum):
    PHRASE = "phrase"  # several words ("Delta Air Lines"): a name in any case
    DISTINCT = "distinct"  # one word that is no dictionary word ("Starlink")
    WORD = "word"  # one word that is also an ordinary word ("Target", "Shell")
    PROPER = "proper"  # one word that is a proper noun of its own ("Amazon", "Monday")


_trie: marisa_trie.Trie | None = None


def _build() -> marisa_trie.Trie:
    return marisa_trie.Trie(get_english_words_set(_SOURCES, lower=False, alpha=True))


def _mapped(path: Path) -> marisa_trie.Trie:
    """The trie in `path`, memory-mapped; RuntimeError when the file is missing or damaged."""
    return marisa_trie.Trie().mmap(str(path))


def dictionary_file(cache_dir: Path) -> Path | None:
    """The dictionary's trie file in the cache, written there first if it is missing or damaged;
    None, with a warning, when the cache cannot take it (each process then builds its own)."""
    path = cache_dir / f"english-words-{version('english-words')}.marisa"
    try:
        _mapped(path)
        return path
    except RuntimeError:
        pass
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _build().save(str(part))
        os.replace(part, path)  # whole or not at all, whoever writes it at the same time
    except (OSError, RuntimeError) as error:
        log.warning("cannot write the dictionary file %s (%s); keeping it in memory", path, error)
        with contextlib.suppress(OSError):
            part.unlink()
        return None
    return path


def use_dictionary_file(path: Path) -> None:
    """Read the dictionary from a file that `dictionary_file` wrote, in this process.

    Without the file (removed or damaged since), the trie is built in memory and the crawl goes on.
    """
    global _trie
    try:
        _trie = _mapped(path)
    except RuntimeError as error:
        log.warning(
            "the dictionary file %s cannot be read (%s); building it in memory", path, error
        )
        _trie = _build()


def _dictionary() -> marisa_trie.Trie:
    global _trie
    if _trie is None:
        _trie = _build()
    return _trie


def name_kind(words: list[str]) -> NameKind:
    """How ambiguous a name (as tokens) is."""
    if len(words) > 1:
        return NameKind.PHRASE
    word = words[0]
    if not word.isalpha():
        return NameKind.DISTINCT
    dictionary = _dictionary()
    if word.lower() in dictionary:
        return NameKind.WORD
    if word.capitalize() in dictionary:
        return NameKind.PROPER
    return NameKind.DISTINCT


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Legal forms: "Target Corp.", "Visa Inc.", "Shell plc".
SUFFIXES = _words(
    "inc inc. corp corp. corporation co co. plc ltd ltd. llc group holdings sa s.a. ag se nv n.v. "
    "gmbh asa ab oyj spa s.p.a. limited"
)

# Verbs a company does in news copy, right after its name ("Block said", "Three lifts").
COMPANY_VERBS = _words(
    """
    said says say told tells announced announces announce unveiled unveils launched launches
    introduced introduces reported reports posted posts plans planned expects expected will would
    has is was may could can did does agreed agrees signed signs won wins cut cuts raised raises
    lifted lifts lowered lowers opened opens closed closes added adds dropped drops scrapped scraps
    declined declines confirmed confirms denied denies beat beats missed misses acquired acquires
    bought buys sold sells hired hires appointed appoints named names filed files rolled rolls
    expanded expands extended extends gained gains rose rises fell falls tested tests partnered
    partners teamed teams joined joins kept keeps reached reaches leased leases backed backs
    objected objects funded funds used uses shifted shifts piloted pilots overhauled overhauls
    renewed renews offered offers made makes invested invests moved moves delayed delays settled
    settles warned warns trimmed trims reduced reduces increased increases paid pays revived revives explored explores started starts began begins halted halts suspended
    suspends picked picks chose chooses selected selects completed completes secured secures
    upgraded upgrades recalled recalls issued releases released switched switches
    marked marks brought brings built builds took takes ships shipped hopes hoped
    believes believed aims aimed sees saw plunged plunges jumped jumps slipped slips climbed
    climbs slumped slumps tumbled tumbles soared soars
    quits quit exits exited enters entered leaves left returns returned ends ended stops stopped
    pauses paused resumes resumed restores restored shuts shut axes axed slashes slashed sheds
    shed hikes hiked boosts boosted doubles doubled freezes froze sues sued faces faced loses
    lost eyes eyed mulls mulled weighs weighed considers considered seeks sought bets pulls
    pulled pushes pushed ditches ditched inks inked seals sealed clinches clinched lands landed
    tops topped logs logged vows vowed pledges pledged promises promised admits admitted
    apologises apologizes apologised apologized blames blamed cancels cancelled canceled
    grounds grounded relocates relocated fires divests divested merges merged spins lays
    fined charged accused probed investigated banned ordered cleared forced urged ranked rated
    downgraded upgrades hit hits axing cutting raising buying selling adding opening closing
    launching planning
    """
)

# Nouns that follow a company's possessive ("Target's chief executive", "Three's network").
COMPANY_NOUNS = _words(
    """
    chief ceo cfo coo cto president chairman chairwoman chair board directors founder founders
    executive executives management shares stock investors shareholders earnings revenue revenues
    profit profits sales results margins guidance outlook forecast customers subscribers members
    users clients stores store shops outlets app apps network platform services service products
    product brand brands unit units division subsidiary business operations plan plans strategy
    deal offer fleet flights routes hub hubs headquarters staff employees workers workforce
    loyalty website spokesperson spokesman spokeswoman lawyers bid takeover merger
    """
)

# Nouns that follow the name itself only when it is the company ("Oracle shares", "Target stores").
COMPANY_NOUNS_AFTER_NAME = _words(
    """
    shares stock chief ceo cfo executives board investors shareholders earnings revenue profit
    sales stores customers subscribers employees staff workers spokesperson spokesman spokeswoman
    passengers flights pilots shoppers users
    """
)

# Words in front of a name that say it is a company ("retailer Carrefour", "rival Target").
COMPANY_DESCRIPTORS = _words(
    """
    company firm group retailer carrier airline operator lender bank insurer maker manufacturer
    provider supplier rival rivals competitor giant chain brand broadcaster grocer insurer
    conglomerate startup start-up vendor platform
    """
)

# Between a name and its verb: "Target also said", "Shell on Monday said".
ADVERBS = _words(
    "also now today yesterday recently previously again still then quietly officially "
    "finally first already formally"
)
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

# Names that are also numbers ("Three"): nouns after them count people or things, not the company.
NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve twenty hundred thousand"
)
