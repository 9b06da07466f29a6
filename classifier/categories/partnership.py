from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="partnership",
        summary="Partnerships, integrations, resellers, customer wins, mergers and acquisitions.",
        weight=0.85,
        heading="Partnerships and deals",
        keywords=(
            "partnership",
            "partners with",
            "partner",
            "agreement",
            "acquire",
            "acquires",
            "acquisition",
            "merger",
            "merge",
            "joint venture",
            "to buy",
            "stake",
            "contract",
            "alliance",
            "integration",
            "reseller",
            "deal",
        ),
    )
)
