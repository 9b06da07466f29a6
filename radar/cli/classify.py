"""`classify` (JSONL in, JSONL out) and `classifier train | evaluate`."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from radar.cli.state import command_group, state

if TYPE_CHECKING:
    from classifier.model import CategoryModel

classifier_app = command_group("Train and evaluate the category model.")


def register(app: typer.Typer) -> None:
    app.command()(classify)
    app.add_typer(classifier_app, name="classifier")


def classify(
    ctx: typer.Context,
    input: Annotated[
        Path, typer.Option("--input", "-i", help='JSONL, one {"id", "title", "text"} per line.')
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL out; '-' for stdout.")],
) -> None:
    """Classify JSONL items: category, scores, companies, accounts, story."""
    from extractors.stories import candidate, group_batch
    from radar.cli.classify_input import read_inputs
    from radar.records import ABOUT_NEWS, Document

    app_state = state(ctx)
    items = read_inputs(input)
    classifier = app_state.classifier()
    now = datetime.now(UTC)
    docs = [
        Document("input", "input", ABOUT_NEWS, f"input:{i.id}", i.title, i.text, now) for i in items
    ]
    results = classifier.classify(docs, now)
    stories = group_batch(
        [candidate(i.id, d, r, source_id="") for i, d, r in zip(items, docs, results, strict=True)]
    )
    lines = []
    for item, result, story in zip(items, results, stories, strict=True):
        accounts = [
            {"id": link.account_id, "score": link.score, "reasons": list(link.reasons)}
            for link in result.links
        ]
        lines.append(
            json.dumps(
                {
                    "id": item.id,
                    "category": result.category,
                    "scores": dict(result.scores),
                    "companies": list(result.companies),
                    "accounts": accounts,
                    "story": story,
                },
                ensure_ascii=False,
            )
        )
    write_lines(output, lines)
    app_state.err.print(f"classified {len(items)} item(s)")


def write_lines(output: Path, lines: list[str]) -> None:
    body = "".join(line + "\n" for line in lines)
    if str(output) == "-":
        typer.echo(body, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(body)
    Path(tmp).replace(output)


@classifier_app.command("train")
def train(
    ctx: typer.Context,
    metrics: Annotated[
        Path | None,
        typer.Option(
            "--metrics",
            help="Also write the training metrics as JSON here (bench/classify_metrics.json).",
        ),
    ] = None,
) -> None:
    """Train the category model from classifier/data/ (seeded: same data, same model) and cache it;
    then, with analysts' corrections in the store, a model trained on them too, switched to only
    when it is at least as good on the dev split and better on corrections held out of training."""
    from classifier.examples import dev_dir, train_dir
    from classifier.model import CategoryModel
    from radar.cli.training import category_corrections, train_with_corrections

    app_state = state(ctx)
    with app_state.err.status("training the category model…"):
        model = CategoryModel.build(train_dir(), dev_dir())
    model.save_to_cache(app_state.cache_dir, train_dir(), dev_dir())
    report = training_report(model)
    typer.echo(
        f"trained on {report['train_examples']} examples in {report['train_seconds']} s; "
        f"'other' below {report['threshold']:.2f} (chosen on {report['dev_examples']} dev examples)"
    )
    for name, macro_f1 in report["dev_macro_f1"].items():
        alone = report["dev_titles_alone_macro_f1"][name]
        typer.echo(f"dev {name}: macro-F1 {macro_f1:.3f} (titles alone {alone:.3f})")
    if metrics is not None:
        write_lines(metrics, [json.dumps(report, indent=2, sort_keys=True)])
        app_state.err.print(f"metrics written to {metrics}")
    corrections = category_corrections(app_state)
    if corrections:
        train_with_corrections(app_state, corrections)


@classifier_app.command("rollback")
def rollback(ctx: typer.Context) -> None:
    """Go back to the model used before `classifier train` last switched to a new one."""
    from classifier.active import roll_back

    typer.echo(f"now using the model {roll_back(state(ctx).cache_dir)}")


def training_report(model: CategoryModel) -> dict[str, Any]:
    """What training did, and how the model does on each dev file."""
    from classifier.examples import dev_dir, jsonl_paths, read_examples
    from radar.cli.evaluate import evaluate_model

    report: dict[str, Any] = dict(model.nlp.meta.get("rivalradar", {}))
    report["config"] = dict(model.nlp.config["rivalradar"])
    report["dev_macro_f1"], report["dev_titles_alone_macro_f1"] = {}, {}
    for path in jsonl_paths(dev_dir()):
        examples = read_examples(path)
        titles = [replace(e, text="") for e in examples]
        report["dev_macro_f1"][path.stem] = round(evaluate_model(model, examples).macro_f1, 4)
        report["dev_titles_alone_macro_f1"][path.stem] = round(
            evaluate_model(model, titles).macro_f1, 4
        )
    return report
