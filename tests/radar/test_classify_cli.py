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
