"""`classify` (JSONL in, JSONL out) and `classifier train | evaluate`."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from classifier.categories import category_names
from classifier.evaluate import Evaluation, evaluate
from classifier.model import CategoryModel, model_text, read_examples, train_dir
from extractors.stories import candidate, group_batch
from radar.cli_state import state
from radar.errors import RadarError
from radar.ingest import utc_now
from radar.records import ABOUT_NEWS, Document

classifier_app = typer.Typer(help="Train and evaluate the category model.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(classify)
    app.add_typer(classifier_app, name="classifier")


class ClassifyInput(BaseModel):
    """One line of `classify` input."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str
    title: str = ""
    text: str = ""

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def read_inputs(path: Path) -> list[ClassifyInput]:
    """Every line, or a RadarError naming the first bad one; nothing is written before."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise RadarError(f"cannot read {path}: {err}") from err
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(ClassifyInput.model_validate_json(line))
        except ValidationError as err:
            problem = err.errors()[0]
            where = ".".join(str(p) for p in problem["loc"]) or "line"
            raise RadarError(f"{path}:{number}: {where}: {problem['msg']}") from err
    return items


def classify(
    ctx: typer.Context,
    input: Annotated[
        Path, typer.Option("--input", "-i", help='JSONL, one {"id", "title", "text"} per line.')
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL out; '-' for stdout.")],
) -> None:
    """Classify JSONL items: category, scores, companies, accounts, story."""
    app_state = state(ctx)
    items = read_inputs(input)
    classifier = app_state.classifier()
    now = utc_now()
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
def train(ctx: typer.Context) -> None:
    """Build the category model from classifier/data/ (deterministic) and cache it."""
    app_state = state(ctx)
    path = train_dir()
    CategoryModel.load_or_train(path, app_state.cache_dir)
    typer.echo(
        f"model ready: trained from {path} ({len(read_examples(path))} examples), cached in {app_state.cache_dir}"
    )


@classifier_app.command("evaluate")
def evaluate_command(
    ctx: typer.Context,
    data: Annotated[
        Path, typer.Option("--data", help="Labelled JSONL (id, title, text, category).")
    ],
) -> None:
    """Print per-category precision, recall and F1, macro-F1 and the confusion matrix."""
    app_state = state(ctx)
    examples = read_examples(data)
    model = CategoryModel.load_or_train(train_dir(), app_state.cache_dir)
    scores = model.scores(model_text(e.title, e.text) for e in examples)
    predicted = [model.label(s) for s in scores]
    _print_evaluation(evaluate([e.category for e in examples], predicted, category_names()))


def _print_evaluation(result: Evaluation) -> None:
    typer.echo(f"{'category':<12} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
    for s in result.per_category:
        typer.echo(
            f"{s.category:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8}"
        )
    typer.echo(f"macro-F1 {result.macro_f1:.3f}  accuracy {result.accuracy:.3f}")
    typer.echo("confusion (rows: true, columns: predicted)")
    short = [label[:6] for label in result.labels]
    typer.echo(" " * 12 + " ".join(f"{s:>6}" for s in short))
    for label, row in zip(result.labels, result.confusion, strict=True):
        typer.echo(f"{label:<12}" + " ".join(f"{n:>6}" for n in row))
