"""Turn three public corpora of real text into `classifier evaluate` JSONL, for measuring only.

    python scripts/real_corpora.py --reuters DIR --recalls DIR --bbc DIR --out DIR
    rivalradar classifier evaluate --data DIR/reuters.jsonl    (and recalls, bbc_sport)

Each DIR is a checkout of the public repository named in classifier/MODEL_CARD.md, at the commit
named there. The JSONL goes to --out, outside the repository: real text is never trained on and
never committed. The label mappings onto SPEC.md's categories are the ones the model card gives.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REUTERS_FILES = (
    "reut2-000.sgm",
    "reut2-001.sgm",
    "reut2-002.sgm",
    "reut2-003-full.sgm",
    "reut2-004.sgm",
)


def _tag(doc: str, name: str) -> str | None:
    found = re.search(rf"<{name}>(.*?)</{name}>", doc, re.S)
    return found.group(1) if found else None


def reuters(folder: Path) -> Iterator[dict[str, str]]:
    """Reuters-21578 items with topics: `acq` alone is partnership; without `acq`, other."""
    for name in REUTERS_FILES:
        raw = (folder / name).read_text(encoding="latin-1")
        for doc in re.findall(r"<REUTERS(.*?)</REUTERS>", raw, re.S):
            topics = set(re.findall(r"<D>(.*?)</D>", _tag(doc, "TOPICS") or ""))
            title, body = _tag(doc, "TITLE"), _tag(doc, "BODY")
            if (
                not topics
                or title is None
                or body is None
                or ("acq" in topics and topics != {"acq"})
            ):
                continue
            ident = re.search(r'NEWID="(\d+)"', doc)
            if ident is None:
                continue
            text = html.unescape(body).replace("\x03", "").replace(" Reuter", "").strip()
            yield {
                "id": f"r{ident.group(1)}",
                "title": html.unescape(title),
                "text": text,
                "category": "partnership" if topics == {"acq"} else "other",
            }


def recalls(folder: Path) -> Iterator[dict[str, str]]:
    """Food-safety recall notices (FDA, USDA FSIS): every one regulatory."""
    data = json.loads((folder / "clean_data" / "food_safety_recalls.json").read_text("utf-8"))
    for number, notice in enumerate(data):
        parts = [notice.get(k) for k in ("recall_reason", "product_description", "company_name")]
        if notice.get("title"):
            text = ". ".join(p for p in parts if p)
            yield {
                "id": f"fr{number}",
                "title": notice["title"],
                "text": text,
                "category": "regulatory",
            }


def bbc_sport(folder: Path) -> Iterator[dict[str, str]]:
    """BBC sport stories, lower-cased and without titles: every one other."""
    with (folder / "bbc-text.csv").open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            if row["category"] == "Sports":
                yield {"id": f"b{number}", "title": "", "text": row["text"], "category": "other"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("reuters", "recalls", "bbc"):
        parser.add_argument(
            f"--{name}", type=Path, required=True, help=f"checkout of the {name} corpus"
        )
    parser.add_argument(
        "--out", type=Path, required=True, help="folder for the JSONL, outside the repository"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, items in (
        ("reuters", reuters(args.reuters)),
        ("recalls", recalls(args.recalls)),
        ("bbc_sport", bbc_sport(args.bbc)),
    ):
        rows = list(items)
        with (args.out / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        counts = Counter(row["category"] for row in rows)
        print(f"{args.out / name}.jsonl: {len(rows)} items, {dict(counts)}")


if __name__ == "__main__":
    main()
