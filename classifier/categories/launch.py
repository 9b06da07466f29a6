from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="launch",
        summary="New products, features, versions, services, markets or channels.",
        weight=0.85,
        heading="Launches",
    )
)
