"""The bench's figures: its section of RESULTS.md, kept per part, targets, profile."""

from __future__ import annotations

from bench import history, report, targets
from bench.figures import STARTUP
from bench.profiling import NO_PYTHON_FRAME, own_time
from bench.report import PROFILE_HEADING, PROFILE_PLACEHOLDER
from bench.results_file import BEGIN, END, replace_section
from tests.bench.runs import earlier_digest_run


def test_what_was_written_under_where_the_time_goes_survives_the_next_run() -> None:
    section = f"## Bench\n\nfirst run\n\n{PROFILE_HEADING}\n\n{PROFILE_PLACEHOLDER}\n"
    inserted = replace_section("# Benchmark results\n", section)
    filled = inserted.replace(PROFILE_PLACEHOLDER, "Mostly trafilatura.")

    replaced = replace_section(filled, section.replace("first run", "second run"))

    assert "second run" in replaced and "first run" not in replaced
    assert f"{PROFILE_HEADING}\n\nMostly trafilatura.\n{END}" in replaced


def test_results_section_is_inserted_under_the_heading_then_replaced_alone() -> None:
    original = "# Benchmark results\n\n## Crawler\n\nold figures\n\n## Digest build\n\nmore\n"

    inserted = replace_section(original, "## Bench\n\nfirst run\n")
    replaced = replace_section(inserted, "## Bench\n\nsecond run\n")

    assert inserted.startswith(f"# Benchmark results\n\n{BEGIN}\n## Bench\n\nfirst run\n{END}\n")
    assert replaced == inserted.replace("first run", "second run")
    assert replaced.endswith("## Crawler\n\nold figures\n\n## Digest build\n\nmore\n")


def test_a_part_that_fails_keeps_its_last_figures_and_the_section_says_why() -> None:
    earlier = earlier_digest_run()
    run = {**earlier["digest"].run, "command": "python -m bench --only digest", "date": "later"}
    results = {"digest": {"error": "the digest build: the child process failed (exit 1)"}}

    merged = history.merge(earlier, run, results)
    section = report.render(run, merged, {"digest": "the child process failed (exit 1)"})

    assert merged == earlier
    assert "| weekly digests, 1,000 accounts over 100,000 items | 10.4 s |" in section
    assert "| digest | – | not measured: the child process failed (exit 1) (the figures" in section
    assert "- no part: `python -m bench --only digest` — later;" in section


def test_profile_counts_own_time_of_the_innermost_function_in_every_process() -> None:
    raw = "\n".join(
        [
            'process 1:"python -m bench.ingest";main (a.py:1);extract (trafilatura/core.py:9) 7',
            'process 1:"python -m bench.ingest";process 2:"worker";run (b.py:3);extract (trafilatura/core.py:12) 3',
            'process 1:"python -m bench.ingest";process 2:"worker";run (b.py:3) 2',
            'process 1:"python -m bench.ingest" 1',
        ]
    )

    functions, processes, total = own_time(raw)

    assert total == 13
    assert functions["extract (trafilatura/core.py)"] == 10
    assert functions["run (b.py)"] == 2
    assert functions[NO_PYTHON_FRAME] == 1
    assert processes == {"pid 1 (the ingestion child)": 8, "pid 2 (a worker process)": 5}


def test_the_ceiling_shares_every_core_between_extracting_and_classifying_each_page() -> None:
    results = {
        "trafilatura": {"extract": {"pages_per_s": 300.0}},
        "classify": {"single_docs_per_s": 150.0},
    }
    (line, _blank) = targets.ceiling(results, cores=2)
    # A page costs 1/300 + 1/150 = 1/100 of a core-second: two cores ingest 200 pages a second.
    assert "would ingest 200 pages/s, 0.67x trafilatura alone" in line
    assert targets.ceiling({"trafilatura": results["trafilatura"]}, cores=2) == []
    # Fetching at 600 pages/s on a core adds 1/600: two cores ingest 4/3 x 100 pages a second.
    (line, _blank) = targets.ceiling({**results, "scrapy": {"pages_per_s": 600.0}}, cores=2)
    assert "would ingest 171 pages/s, 0.57x trafilatura alone" in line


def test_startup_targets_are_judged_on_the_median_beside_the_floor() -> None:
    commands = {key: {"median_s": 0.4, "min_s": 0.3, "max_s": 2.5} for key, *_ in STARTUP}
    commands["classify"] = {"median_s": 3.2, "min_s": 3.1, "max_s": 3.3}
    found = {"runs": 5, "floor": {"median_s": 0.02, "min_s": 0.02, "max_s": 0.03}}

    rows = targets.target_rows({"startup": {**found, "commands": commands}})
    unmeasured = targets.target_rows({})

    assert "| `rivalradar --help` < 0.5 s | 0.400 s median (floor 0.020 s) | met |" in rows
    assert any(r.startswith("| `rivalradar classify`") and "**not met**" in r for r in rows)
    assert "| `rivalradar --version` < 0.5 s | – | not measured |" in unmeasured
