from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="pricing",
        summary="Price rises and cuts, tiers, discounts, packaging and licensing changes.",
        weight=0.9,
        heading="Pricing moves",
        keywords=(
            "price",
            "prices",
            "pricing",
            "price increase",
            "price cut",
            "discount",
            "discounts",
            "per month",
            "subscription fee",
            "fees",
            "tariff",
            "tariffs",
            "fares",
            "cheaper",
            "free tier",
        ),
    )
)
