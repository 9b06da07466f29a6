from __future__ import annotations

import json


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_classify_writes_one_line_per_input_with_the_contract_fields(
    tmp_path, write_config, run_cli
):
    config = write_config()
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "id": "a",
                "title": "Amazon Leo will power in-flight Wi-Fi for Delta Air Lines",
                "text": "Amazon Leo signed an agreement with Delta Air Lines to equip 300 aircraft with its terminals.",
            },
            {
                "id": 7,
                "title": "Floods hit rice farms in the Mekong Delta",
                "text": "Farmers in the Mekong Delta lost crops.",
            },
        ],
    )
    target = tmp_path / "out.jsonl"

    result = run_cli("--config", config, "classify", "--input", source, "--output", target)

    assert result.exit_code == 0, result.stderr
    first, second = [json.loads(line) for line in target.read_text().splitlines()]
    assert set(first) == {"id", "category", "scores", "companies", "accounts", "story"}
    assert first["id"] == "a" and second["id"] == "7"
    assert set(first["scores"]) == {
        "launch",
        "pricing",
        "partnership",
        "executive",
        "regulatory",
        "other",
    }
    assert first["category"] == max(first["scores"], key=first["scores"].get)
    assert first["companies"] == ["amazon-leo", "delta-air-lines"]
    (link,) = first["accounts"]
    assert link["id"] == "delta-air-lines" and 0 <= link["score"] <= 100 and link["reasons"]
    assert second["companies"] == [] and second["accounts"] == []
    assert first["story"] != second["story"]


def test_items_with_the_same_text_share_a_story(tmp_path, write_config, run_cli):
    text = "Starlink cut the price of its Mini plan to $40 a month from $50 for new customers."
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "1", "title": "Starlink cuts Mini price", "text": text},
            {"id": "2", "title": "Starlink Mini gets cheaper", "text": text.upper()},
        ],
    )

    result = run_cli("--config", write_config(), "classify", "--input", source, "--output", "-")

    assert result.exit_code == 0, result.stderr
    stories = [json.loads(line)["story"] for line in result.stdout.splitlines()]
    assert stories[0] == stories[1]


def test_a_bad_input_line_is_named_and_nothing_is_written(tmp_path, write_config, run_cli):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "1", "title": "ok", "text": "fine"}\n{"title": "no id"}\n', encoding="utf-8"
    )
    target = tmp_path / "out.jsonl"

    result = run_cli("--config", write_config(), "classify", "--input", source, "--output", target)

    assert result.exit_code == 1
    assert f"{source}:2: id: Field required" in result.stderr
    assert not target.exists()


def test_classifier_train_writes_its_metrics_and_the_threshold_it_chose(tmp_path, run_cli):
    metrics_path = tmp_path / "metrics.json"

    result = run_cli("classifier", "train", "--metrics", metrics_path)

    assert result.exit_code == 0, result.stderr
    metrics = json.loads(metrics_path.read_text())
    assert metrics["train_examples"] >= 1200 and metrics["dev_examples"] > 0
    assert set(metrics["dev_macro_f1"]) == {"wire", "feeds"}
    assert f"'other' below {metrics['threshold']:.2f}" in result.stdout
    assert metrics["config"]["seed"] == 20261126


def test_evaluate_prints_scores_per_category_and_the_confusion_matrix(tmp_path, run_cli):
    rows = [
        {
            "id": "1",
            "title": "Acme raises the price of its Team plan to $30 a seat",
            "text": "",
            "category": "pricing",
        },
        {
            "id": "2",
            "title": "Acme names a new chief financial officer",
            "text": "",
            "category": "executive",
        },
    ]
    data = write_jsonl(tmp_path / "dev.jsonl", rows)

    result = run_cli("classifier", "evaluate", "--data", data)

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["category", "precision", "recall", "f1", "support"]
    assert any(line.startswith("macro-F1 ") for line in lines)
    pricing_row = next(line for line in lines if line.startswith("pricing") and "0" in line)
    assert pricing_row.split()[-1] == "1"
    assert "confusion (rows: true, columns: predicted)" in result.stdout


def test_evaluate_shows_the_keyword_baseline_and_false_alarms_beside_the_model(tmp_path, run_cli):
    rows = [
        {
            "id": "1",
            "title": "Acme names a new chief executive",
            "text": "",
            "category": "executive",
        },
        {"id": "2", "title": "Rain expected on the coast", "text": "", "category": "other"},
    ]
    data = write_jsonl(tmp_path / "dev.jsonl", rows)

    result = run_cli("classifier", "evaluate", "--data", data)

    assert result.exit_code == 0, result.stderr
    rows_by_name = {line[:16].strip(): line[16:].split() for line in result.stdout.splitlines()}
    assert rows_by_name[""] == ["macro-F1", "accuracy", "false", "alarms"]
    model, keywords = rows_by_name["model"], rows_by_name["keyword baseline"]
    assert keywords == ["1.000", "1.000", "0.0%"]  # "names", "chief executive"; no word of rain
    assert model[2].endswith("%")


def test_evaluate_on_a_linking_set_reports_link_precision_and_recall(tmp_path, run_cli):
    data = write_jsonl(
        tmp_path / "links.jsonl",
        [
            {"id": "1", "title": "Shell said it would sell a refinery", "companies": ["shell"]},
            {"id": "2", "title": "Families shell out for uniforms", "companies": []},
            {"id": "3", "title": "Starlink cuts prices", "companies": ["starlink", "shell"]},
        ],
    )
    (tmp_path / "links_companies.yaml").write_text(
        "accounts:\n  - id: shell\n    name: Shell plc\n    aliases: [Shell]\n"
        "competitors:\n  - id: starlink\n    name: Starlink\n",
        encoding="utf-8",
    )

    result = run_cli("classifier", "evaluate", "--data", data)

    assert result.exit_code == 0, result.stderr
    header, values = result.stdout.splitlines()[1:3]
    assert header.split() == ["precision", "recall", "f1", "tp", "fp", "fn"]
    assert values.split() == ["1.000", "0.667", "0.800", "2", "0", "1"]


def test_evaluate_names_a_bad_line_of_the_data(tmp_path, run_cli):
    data = tmp_path / "dev.jsonl"
    data.write_text('{"id": "1", "title": "x", "category": "gossip"}\n', encoding="utf-8")

    result = run_cli("classifier", "evaluate", "--data", data)

    assert result.exit_code == 1
    assert f"{data}:1: unknown category 'gossip'" in result.stderr


def test_evaluate_on_a_story_set_reports_pairwise_story_precision_and_recall(tmp_path, run_cli):
    copy = (
        "Starlink will charge airlines a flat monthly fee for in-flight connectivity from "
        "January, replacing its per-seat pricing, the company said on Tuesday in a note to "
        "customers across Europe and North America, adding that existing contracts would move "
        "to the new terms at renewal and that the change follows a year of talks with carriers."
    )
    rows = [
        {
            "id": "1",
            "title": "Starlink moves airlines to a flat fee",
            "text": copy,
            "story": "fee",
            "published": "2026-11-03",
            "source": "newsroom",
        },
        {
            "id": "2",
            "title": "Starlink moves airlines to a flat fee",
            "text": copy,
            "story": "fee",
            "published": "2026-11-04",
            "source": "wire",
        },
        {
            "id": "3",
            "title": "Regulator opens probe into satellite spectrum auction",
            "text": "The telecoms regulator opened an inquiry into last year's spectrum auction.",
            "story": "probe",
            "published": "2026-11-20",
            "source": "regulator",
        },
    ]
    data = write_jsonl(tmp_path / "stories.jsonl", rows)

    result = run_cli("classifier", "evaluate", "--data", data)

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("stories over 3 reports of 2 events, 2 found")
    assert lines[2].split()[:3] == ["1.000", "1.000", "1.000"]
