"""`classifier train` with this installation's corrections: a new model, used only if it is better."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import typer

from radar.cli.state import AppState

if TYPE_CHECKING:
    from classifier.examples import LabelledText
    from classifier.model import CategoryModel


def category_corrections(app_state: AppState) -> list[LabelledText]:
    """The items whose story's category an analyst corrected, labelled with it."""
    from classifier.examples import LabelledText
    from radar.store.correction_export import corrected_items

    return [
        LabelledText(item.url, item.title, item.text, item.category)
        for item in corrected_items(app_state.store())
        if item.is_category_corrected
    ]


def train_with_corrections(app_state: AppState, corrections: list[LabelledText]) -> None:
    """Train on the shipped examples plus the corrections (a slice held out); switch to the new
    model only when it is at least as good on the dev split and better on the held-out slice."""
    from classifier.active import switch_model
    from classifier.corrected import Verdict, split_held_out, training_examples
    from classifier.examples import dev_dir, read_examples, train_dir
    from classifier.model import CategoryModel
    from classifier.recipe import cached_model_dir, trained_model_dir

    cache = app_state.cache_dir
    current_dir = trained_model_dir(cache)
    current = CategoryModel.load(current_dir)
    kept, held = split_held_out(corrections)
    examples = training_examples(read_examples(train_dir()), kept)
    with app_state.err.status(f"training on {len(kept)} correction(s) and the shipped examples…"):
        new = CategoryModel.build_from(examples, dev_dir())
    dev = read_examples(dev_dir())
    verdict = Verdict(_f1(current, dev), _f1(new, dev), _f1(current, held), _f1(new, held))
    typer.echo(
        f"trained with {len(kept)} correction(s), {len(held)} held out; macro-F1 in use -> new: "
        f"dev {verdict.current_dev:.3f} -> {verdict.new_dev:.3f}, held-out corrections "
        f"{verdict.current_held_out:.3f} -> {verdict.new_held_out:.3f}"
    )
    if not verdict.is_better:
        typer.echo(
            "kept the model in use: the new one is not better on the held-out corrections "
            "without losing on the dev split"
        )
        return
    shipped = cached_model_dir(cache, train_dir(), dev_dir()).name
    name = "textcat-corrected-" + _digest(shipped, examples)
    new.save(cache / name)
    switch_model(cache, name, current_dir.name)
    typer.echo(f"switched to the new model {name}; `rivalradar classifier rollback` goes back")


def _f1(model: CategoryModel, examples: list[LabelledText]) -> float:
    from radar.cli.evaluate import evaluate_model

    return evaluate_model(model, examples).macro_f1


def _digest(shipped: str, examples: list[LabelledText]) -> str:
    digest = hashlib.sha256(shipped.encode())
    for e in examples:
        digest.update(f"{e.id}\0{e.title}\0{e.text}\0{e.category}\n".encode())
    return digest.hexdigest()[:16]
