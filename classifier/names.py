"""What kind of word a company name is, and the words around a name that say "this is the company".

A one-word name that is also an English word ("Target", "Shell", "Orange", "Three") or a
proper noun of its own ("Amazon", "Monday") is ambiguous: it counts as the company only with
company context. The dictionary is english-words (Webster's 2nd and GCIDE), so any configured
name is judged the same way, not just the ones we thought of.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from english_words import get_english_words_set


class NameKind(StrEnum):
    PHRASE = "phrase"  # several words ("Delta Air Lines"): a name in any case
    DISTINCT = "distinct"  # one word that is no dictionary word ("Starlink")
    WORD = "word"  # one word that is also an ordinary word ("Target", "Shell")
    PROPER = "proper"  # one word that is a proper noun of its own ("Amazon", "Monday")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    return frozenset(get_english_words_set(["web2", "gcide"], lower=False, alpha=True))


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
