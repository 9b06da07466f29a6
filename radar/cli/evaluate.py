"""`classifier evaluate`: the category model beside the keyword baseline, the linker, or story
matching, each on labelled JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from radar.cli.classify import classifier_app
from radar.cli.state import AppState, state
from radar.errors import RadarError

if TYPE_CHECKING:
    from classifier.evaluate import Evaluation, PairEvaluation
    from classifier.examples import LabelledText
    from classifier.model import CategoryModel
    from radar.records import Company


def register(app: typer.Typer) -> None:
    classifier_app.command("evaluate")(evaluate_command)


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
            help="For a linking or story set: YAML with accounts and competitors (id, name, "
            "aliases, exclude). Default: DATA_companies.yaml beside it, else the config's.",
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
    )
    from classifier.linker import CompanyLinker
    from classifier.model import CategoryModel, item_text
    from classifier.recipe import trained_model_dir

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
        _evaluate_stories(app_state, data, _story_companies(data, companies))
        return
    examples = read_examples(data)
    model = CategoryModel.load(trained_model_dir(app_state.cache_dir))  # the model in use
    result = evaluate_model(model, examples)
    _print_evaluation(result, model.threshold)
    _print_beside(result, _evaluate_keywords(examples))


def _story_companies(data: Path, given: Path | None) -> list[Company] | None:
    """The companies a story set names, from --companies or DATA_companies.yaml beside it; None
    when there is neither (the config's are used)."""
    from radar.config.loader import load_companies

    path = given or data.with_name(f"{data.stem}_companies.yaml")
    return load_companies(path) if given is not None or path.exists() else None


def _evaluate_stories(app_state: AppState, data: Path, companies: list[Company] | None) -> None:
    """Group the set's reports as `classify` groups a batch, each dated and by its source, and
    print pairwise story precision, recall and F1."""
    from classifier.evaluate import evaluate_story_pairs
    from classifier.examples import read_story_set
    from classifier.names import dictionary_file
    from classifier.recipe import classifier_recipe, trained_model_dir
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
    cache = app_state.cache_dir
    classifier = (
        app_state.classifier()
        if companies is None
        else classifier_recipe(
            trained_model_dir(cache), companies, [], {}, dictionary_file(cache)
        ).build()
    )
    results = classifier.classify(docs, max(d.dated_at for d in docs))
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


def evaluate_model(model: CategoryModel, examples: list[LabelledText]) -> Evaluation:
    """The model's labels of the examples, scored."""
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
