from classifier.categories import CategorySpec, category

SPEC = category(
    CategorySpec(
        name="regulatory",
        summary="Actions of regulators, courts and governments: approvals, fines, rulings, recalls, rules.",
        weight=0.75,
        heading="Regulatory events",
        keywords=(
            "regulator",
            "regulatory",
            "approval",
            "approves",
            "approved",
            "fined",
            "fine",
            "penalty",
            "investigation",
            "probe",
            "antitrust",
            "ruling",
            "court",
            "recall",
            "recalls",
            "law",
            "rule",
            "authority",
            "commission",
            "licence",
            "license",
        ),
    )
)
