from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="other",
        summary="Everything else: earnings, share moves, awards, events, opinion, hiring, layoffs.",
        weight=0.3,
        heading="Other news",
        keywords=(),
    )
)
