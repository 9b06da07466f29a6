"""The words the bench's news site is written with: companies, people, places, sentence templates.

Every name is made up for the bench. Templates take `{slots}` that bench/prose.py fills.
"""

from __future__ import annotations

# (id, name) of the competitors the site writes about.
COMPETITORS: tuple[tuple[str, str], ...] = (
    ("orbitnet", "OrbitNet"),
    ("stratolink", "Stratolink"),
    ("skyweave", "Skyweave"),
    ("polaris-connect", "Polaris Connect"),
    ("nimbus-telecom", "Nimbus Telecom"),
    ("aethersys", "Aethersys"),
    ("quantawave", "Quantawave"),
    ("meridian-satcom", "Meridian Satcom"),
    ("corvid-networks", "Corvid Networks"),
    ("vantage-orbital", "Vantage Orbital"),
    ("kestrel-data", "Kestrel Data"),
    ("halcyon-cloud", "Halcyon Cloud"),
    ("bluefin-analytics", "Bluefin Analytics"),
    ("ironbark-software", "Ironbark Software"),
    ("tessera-labs", "Tessera Labs"),
    ("cobalt-relay", "Cobalt Relay"),
    ("arclight-mobile", "Arclight Mobile"),
    ("zephyr-fiber", "Zephyr Fiber"),
    ("granitepeak-systems", "Granitepeak Systems"),
    ("solace-robotics", "Solace Robotics"),
)

_ACCOUNT_STEMS = (
    ("Aldercrest", "Airways", "aviation"),
    ("Brightwater", "Foods", "food"),
    ("Cedarholm", "Retail", "retail"),
    ("Dunmore", "Shipping", "maritime"),
    ("Eastvale", "Rail", "rail"),
    ("Fernbrook", "Bank", "banking"),
    ("Glenhaven", "Energy", "energy"),
    ("Hollowell", "Health", "healthcare"),
    ("Ivorton", "Motors", "automotive"),
    ("Juniper Vale", "Logistics", "logistics"),
)
_ACCOUNT_PREFIXES = ("", "North ", "Pacific ", "Grand ", "United ")

# (id, name, industry) of the key accounts: fifty, from ten stems in five regions.
ACCOUNTS: tuple[tuple[str, str, str], ...] = tuple(
    (
        f"{prefix}{stem} {suffix}".strip().lower().replace(" ", "-"),
        f"{prefix}{stem} {suffix}".strip(),
        industry,
    )
    for prefix in _ACCOUNT_PREFIXES
    for stem, suffix, industry in _ACCOUNT_STEMS
)

FIRST_NAMES = (
    "Maria", "Tomasz", "Aiko", "Daniel", "Priya", "Lars", "Chiara", "Kwame", "Elena", "Rafael",
    "Ingrid", "Samuel", "Yusuf", "Hannah", "Mateo", "Sofia", "Kenji", "Amara", "Oskar", "Leila",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Castillo", "Novak", "Haddad",
    "Fischer", "Osei", "Ramirez", "Kowalski", "Petrova", "Nakamura", "Delgado", "Whitfield",
)  # fmt: skip
ROLES = (
    "chief executive officer", "chief financial officer", "chief technology officer",
    "chief operating officer", "head of sales for Europe", "vice president of product",
    "general manager for Asia-Pacific", "chief marketing officer", "board member",
    "head of enterprise partnerships",
)  # fmt: skip
PRODUCTS = (
    "flat-panel terminal", "managed Wi-Fi service", "analytics dashboard",
    "maritime connectivity plan", "low-latency backhaul service", "fleet tracking module",
    "in-flight broadband package", "private 5G kit", "data residency option",
    "cloud routing gateway", "warehouse robotics controller", "edge compute appliance",
    "satellite messaging app", "network security suite", "rural broadband tier",
)  # fmt: skip
REGIONS = (
    "Europe", "the Nordics", "Latin America", "Southeast Asia", "the Gulf states", "Canada",
    "Australia and New Zealand", "southern Africa", "the Iberian peninsula", "Japan",
)  # fmt: skip
REGULATORS = (
    "the European Commission", "the Federal Communications Commission", "Ofcom",
    "the competition authority", "the data protection board", "the aviation safety agency",
    "the maritime authority", "the telecoms regulator", "a federal court", "the trade ministry",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
ANALYST_FIRMS = (
    "Northgate Research",
    "Calder & Finch",
    "Lumenfield Advisory",
    "Brightline Insight",
)

# Per kind of move: (headline, lead sentence) pairs that tell the same event.
STORIES: dict[str, tuple[tuple[str, str], ...]] = {
    "launch": (
        ("{competitor} launches {product} in {region}",
         "{competitor} on {weekday} launched {a_product} for customers in {region}, the company said."),
        ("{competitor} unveils {product} for {industry} operators",
         "{competitor} has introduced {a_product}, its first offer aimed at {industry} operators."),
        ("{competitor} to roll out {product} across {region}",
         "{competitor} said it would roll out {a_product} in {region} from next quarter."),
        ("{competitor} shows new {product}, ships in {months} months",
         "{competitor} unveiled {a_product} at an industry event, promising shipments within {months} months."),
    ),
    "pricing": (
        ("{competitor} raises standard plan price by {percent}%",
         "{competitor} will raise the price of its standard plan by {percent} percent from next month."),
        ("{competitor} cuts {product} price to {price} in {region}",
         "{competitor} cut the monthly price of its {product} to {price} in {region}, undercutting rivals."),
        ("{competitor} adds cheaper tier for {industry} customers",
         "{competitor} announced a new discounted tier for {industry} customers at {price} a month."),
        ("{competitor} scraps free tier, moves users to {price} plan",
         "{competitor} is removing its free tier and moving existing users to a {price} starter plan."),
    ),
    "partnership": (
        ("{competitor} signs multi-year {product} deal with {account}",
         "{competitor} signed a multi-year agreement with {account} to supply {a_product}."),
        ("{competitor} and {account} team up in {region}",
         "{competitor} and {account} announced a partnership to deploy {a_product} across {region}."),
        ("{competitor} to acquire regional rival for {money}",
         "{competitor} agreed to acquire a smaller rival for a sum reported at {money}."),
        ("{competitor} wins {money} contract from {account}",
         "{competitor} won a contract from {account} worth about {money} over {years} years."),
    ),
    "executive": (
        ("{competitor} names {person} as {role}",
         "{competitor} appointed {person} as its new {role}, effective {weekday}."),
        ("{competitor} {role} {person} to step down",
         "{person}, the {role} of {competitor}, is stepping down after {years} years at the company."),
        ("{competitor} hires {account} veteran {person} as {role}",
         "{competitor} named {person}, formerly of {account}, as {role}."),
        ("{competitor} {role} {person} to retire",
         "{competitor} said its {role}, {person}, would retire at the end of the year."),
    ),
    "regulatory": (
        ("Regulator opens probe into {competitor} pricing in {region}",
         "{regulator} opened an investigation into {competitor} over its pricing in {region}."),
        ("{competitor} fined {money} over consumer rules",
         "{regulator} fined {competitor} {money} for breaching consumer protection rules."),
        ("{competitor} merger with regional operator cleared",
         "{regulator} cleared the proposed merger of {competitor} with a regional operator."),
        ("{competitor} gets licence for {product} in {region}",
         "{regulator} granted {competitor} a licence to offer {a_product} in {region}."),
    ),
}  # fmt: skip

DETAILS: dict[str, tuple[str, ...]] = {
    "launch": (
        "The service will be available first to {industry} customers, with wider availability planned.",
        "Early customers include {account}, which has tested the system on {count} sites.",
        "The company said the new offer doubles throughput compared with its previous generation.",
        "Shipments are scheduled to begin in {region} before the end of the quarter.",
    ),
    "pricing": (
        "Existing customers on annual contracts will keep their current rates until renewal.",
        "The change affects roughly {count} business customers, according to the company.",
        "Rivals have held their prices steady, which could make the increase harder to pass on.",
        "The new tier includes {count} gigabytes of priority data and a support line.",
    ),
    "partnership": (
        "Financial terms were not disclosed beyond the headline figure.",
        "The deal extends an earlier pilot that covered {count} locations in {region}.",
        "{account} said the agreement would help it modernise operations across its network.",
        "The transaction is expected to close within {months} months, subject to approvals.",
    ),
    "executive": (
        "The appointment follows a reorganisation of the company's commercial division.",
        "{person} previously led sales at a regional carrier for {years} years.",
        "A search for a permanent successor is under way, the company said.",
        "The move comes as {competitor} prepares to expand in {region}.",
    ),
    "regulatory": (
        "The company said it would cooperate fully and believed it had complied with the rules.",
        "A decision is expected within {months} months, after a public consultation.",
        "The ruling can be appealed, and {competitor} said it was studying the decision.",
        "The authority said the case concerned contracts with {industry} customers.",
    ),
}

QUOTES = (
    '"We see strong demand from {industry} customers," said {person}, {role} at {competitor}.',
    '"This is a significant step for our business in {region}," {person} told reporters.',
    '"Customers want simpler contracts and predictable costs," {person} said in a statement.',
    'An analyst at {firm} said the move "changes the competitive picture for {industry} buyers."',
    '"We will keep investing in {region} whatever our rivals do," {person} said.',
    '"The numbers speak for themselves," {person} told a conference in {month}.',
)

INDUSTRY_WORDS = {
    "aviation": "airline",
    "food": "food",
    "retail": "retail",
    "maritime": "shipping",
    "rail": "rail",
    "banking": "banking",
    "energy": "energy",
    "healthcare": "hospital",
    "automotive": "automotive",
    "logistics": "logistics",
}
SECTIONS = (
    "News", "Analysis", "Markets", "Satellite", "Networks", "Enterprise", "Cloud", "Mobile",
    "Regulation", "People", "Deals", "Pricing", "Opinion", "Events", "Podcasts", "Video",
    "Research", "Jobs", "Newsletters", "About",
)  # fmt: skip
