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

from radar.cli.state import AppState, command_group, state
from radar.errors import RadarError

if TYPE_CHECKING:
    from classifier.evaluate import Evaluation, PairEvaluation
    from classifier.examples import LabelledText
    from classifier.model import CategoryModel
    from radar.records import Company

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
    _write(output, lines)
    app_state.err.print(f"classified {len(items)} item(s)")


def _write(output: Path, lines: list[str]) -> None:
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
    """Train the category model from classifier/data/ (seeded: same data, same model) and cache it."""
    from classifier.examples import dev_dir, train_dir
    from classifier.model import CategoryModel

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
        _write(metrics, [json.dumps(report, indent=2, sort_keys=True)])
        app_state.err.print(f"metrics written to {metrics}")


def training_report(model: CategoryModel) -> dict[str, Any]:
    """What training did, and how the model does on each dev file."""
    from classifier.examples import dev_dir, jsonl_paths, read_examples

    report: dict[str, Any] = dict(model.nlp.meta.get("rivalradar", {}))
    report["config"] = dict(model.nlp.config["rivalradar"])
    report["dev_macro_f1"], report["dev_titles_alone_macro_f1"] = {}, {}
    for path in jsonl_paths(dev_dir()):
        examples = read_examples(path)
        titles = [replace(e, text="") for e in examples]
        report["dev_macro_f1"][path.stem] = round(_evaluate_model(model, examples).macro_f1, 4)
        report["dev_titles_alone_macro_f1"][path.stem] = round(
            _evaluate_model(model, titles).macro_f1, 4
        )
    return report


@classifier_app.command("evaluate")
def evaluate_command(
    ctx: typer.Context,
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            help="Labelled JSONL: id, title, text and category; or a linking set with companies; "
            "or a story set with story, published and source.",
        ),
    ],
    companies: Annotated[
        Path | None,
        typer.Option(
            "--companies",
            help="For a linking set: YAML with accounts and competitors (id, name, aliases, "
            "exclude). Default: DATA_companies.yaml beside it, else the config's companies.",
        ),
    ] = None,
) -> None:
    """Print per-category precision, recall, F1, macro-F1 and the confusion matrix; or link, or
    pairwise story, precision, recall and F1."""
    from classifier.evaluate import evaluate_links
    from classifier.examples import (
        is_linking_set,
        is_story_set,
        read_examples,
        read_linked,
        train_dir,
    )
    from classifier.linker import CompanyLinker
    from classifier.model import CategoryModel, item_text

    app_state = state(ctx)
    if not data.exists():
        raise RadarError(f"{data}: no such file")
    if is_linking_set(data):
        items = read_linked(data)
        linker = CompanyLinker(_linking_companies(app_state, data, companies))
        found = [frozenset(linker.company_ids(item_text(i.title, i.text))) for i in items]
        scores = evaluate_links([i.companies for i in items], found)
        _print_pairs(scores, f"links over {len(items)} items (item, company pairs)")
        return
    if is_story_set(data):
        _evaluate_stories(app_state, data)
        return
    examples = read_examples(data)
    model = CategoryModel.load_or_train(train_dir(), app_state.cache_dir)
    result = _evaluate_model(model, examples)
    _print_evaluation(result, model.threshold)
    _print_beside(result, _evaluate_keywords(examples))


def _evaluate_stories(app_state: AppState, data: Path) -> None:
    """Group the set's reports as `classify` groups a batch, each dated and by its source, and
    print pairwise story precision, recall and F1; the config's companies are the known ones."""
    from classifier.evaluate import evaluate_story_pairs
    from classifier.examples import read_story_set
    from extractors.stories import candidate, group_batch
    from radar.records import ABOUT_NEWS, Document

    reports = read_story_set(data)
    docs = [
        Document(
            r.source,
            "story set",
            ABOUT_NEWS,
            f"story-set:{r.id}",
            r.title,
            r.text,
            r.published_at,
            published_at=r.published_at,
        )
        for r in reports
    ]
    results = app_state.classifier().classify(docs, max(d.dated_at for d in docs))
    found = group_batch([candidate(d.url, d, c) for d, c in zip(docs, results, strict=True)])
    scores = evaluate_story_pairs([r.story for r in reports], found)
    events, stories = len({r.story for r in reports}), len(set(found))
    _print_pairs(
        scores,
        f"stories over {len(reports)} reports of {events} events, {stories} found "
        "(pairs of reports in one story)",
    )


def _evaluate_keywords(examples: list[LabelledText]) -> Evaluation:
    from classifier.categories import category_names
    from classifier.evaluate import evaluate
    from classifier.keywords import KeywordBaseline

    baseline = KeywordBaseline()
    predicted = [baseline.label(e.title, e.text) for e in examples]
    return evaluate([e.category for e in examples], predicted, category_names())


def _evaluate_model(model: CategoryModel, examples: list[LabelledText]) -> Evaluation:
    from classifier.categories import category_names
    from classifier.evaluate import evaluate

    scores = model.scores(model.text(e.title, e.text) for e in examples)
    predicted = [model.label(s) for s in scores]
    return evaluate([e.category for e in examples], predicted, category_names())


def _linking_companies(app_state: AppState, data: Path, given: Path | None) -> list[Company]:
    from radar.config.loader import load_companies

    path = given or data.with_name(f"{data.stem}_companies.yaml")
    if given is None and not path.exists():
        return app_state.config().companies()
    return load_companies(path)


def _print_pairs(result: PairEvaluation, heading: str) -> None:
    typer.echo(heading)
    typer.echo(f"{'precision':>9} {'recall':>7} {'f1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    typer.echo(
        f"{result.precision:>9.3f} {result.recall:>7.3f} {result.f1:>6.3f} "
        f"{result.true_positives:>5} {result.false_positives:>5} {result.false_negatives:>5}"
    )


def _print_beside(model: Evaluation, keywords: Evaluation) -> None:
    """The model's headline figures beside the keyword baseline's."""
    typer.echo(f"{'':<16} {'macro-F1':>8} {'accuracy':>8} {'false alarms':>12}")
    for name, result in (("model", model), ("keyword baseline", keywords)):
        alarms = f"{result.false_alarm_rate:.1%}" if result.false_alarm_rate is not None else "-"
        typer.echo(f"{name:<16} {result.macro_f1:>8.3f} {result.accuracy:>8.3f} {alarms:>12}")
    typer.echo(
        "(macro-F1 over the categories the data has; false alarms: gold 'other' given an event)"
    )


def _print_evaluation(result: Evaluation, threshold: float) -> None:
    typer.echo(f"{'category':<12} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
    for s in result.per_category:
        typer.echo(
            f"{s.category:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8}"
        )
    typer.echo(f"macro-F1 {result.macro_f1:.3f}  accuracy {result.accuracy:.3f}")
    typer.echo(f"'other' when the best score is below {threshold:.2f}")
    typer.echo("confusion (rows: true, columns: predicted)")
    short = [label[:6] for label in result.labels]
    typer.echo(" " * 12 + " ".join(f"{s:>6}" for s in short))
    for label, row in zip(result.labels, result.confusion, strict=True):
        typer.echo(f"{label:<12}" + " ".join(f"{n:>6}" for n in row))
