from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="executive",
        summary="A named leader appointed, promoted, leaving or retiring.",
        weight=0.7,
        heading="Executive moves",
        keywords=(
            "appoints",
            "appointed",
            "appointment",
            "names",
            "named",
            "chief executive",
            "ceo",
            "cfo",
            "coo",
            "resigns",
            "steps down",
            "retire",
            "retires",
            "successor",
            "board of directors",
            "vice president",
        ),
    )
)
