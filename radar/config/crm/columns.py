"""How CRM exports name an account's fields, its priority and a status that means "not a customer"."""

from __future__ import annotations

# Column names as the exports spell them, compared without case, spaces or punctuation.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("rivalradar id", "radar id"),
    "name": (
        "name",
        "account name",  # Salesforce
        "company name",  # HubSpot
        "account",
        "company",
        "customer",
    ),
    "owner": (
        "owner email",
        "account owner email",  # Salesforce report column
        "account owner: email",
        "company owner email",
        "owner",
        "account owner",  # Salesforce (a name unless the org shows emails)
        "company owner",  # HubSpot
        "account manager",
        "key account manager",
    ),
    "value": (
        "value",
        "annual contract value",
        "acv",
        "arr",
        "contract value",
        "total revenue",  # HubSpot: revenue from this company's closed deals
        "recent deal amount",  # HubSpot
        "amount",
    ),
    "renewal": (
        "renewal",
        "renewal date",
        "contract end date",
        "contract end",
        "next renewal date",
    ),
    "status": ("status", "account status", "type", "lifecycle stage", "customer status"),
    "priority": (
        "priority",
        "rating",
        "tier",
        "account tier",
    ),  # Salesforce's Rating: hot/warm/cold
}
FIELDS = tuple(COLUMNS)
PRIORITIES = {
    "high": "high",
    "hot": "high",
    "a": "high",
    "1": "high",
    "p1": "high",
    "tier 1": "high",
    "strategic": "high",
    "medium": "medium",
    "med": "medium",
    "warm": "medium",
    "b": "medium",
    "2": "medium",
    "p2": "medium",
    "tier 2": "medium",
    "low": "low",
    "cold": "low",
    "c": "low",
    "3": "low",
    "p3": "low",
    "tier 3": "low",
}
# Statuses that say the company is not (or no longer) a customer to protect.
GONE = frozenset(
    {
        "churned",
        "lost",
        "closed lost",
        "former customer",
        "former",
        "inactive",
        "cancelled",
        "canceled",
        "terminated",
        "prospect",
        "lead",
    }
)
