from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="launch",
        summary="New products, features, versions, services, markets or channels.",
        weight=0.85,
        heading="Launches",
        keywords=(
            "launch",
            "launches",
            "launched",
            "unveils",
            "unveiled",
            "introduces",
            "introduced",
            "new product",
            "new service",
            "new version",
            "rolls out",
            "debuts",
            "now available",
            "available now",
            "expands into",
            "enters",
        ),
    )
)
