from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="regulatory",
        summary="Actions of regulators, courts and governments: approvals, fines, rulings, recalls, rules.",
        weight=0.75,
        heading="Regulatory events",
    )
)
