"""Hand-written hard cases: one story per line, every identifier marked {{TYPE:value}} (TYPE as in EntityType)."""

from __future__ import annotations

import re
from pathlib import Path

from vertelpunt.anonymisation.corpus import CorpusStory, Evaluation, Planted, evaluate
from vertelpunt.anonymisation.entities import EntityType

MARK = re.compile(r"\{\{([A-Z]{3,12}):([^{}]{1,200})\}\}")


def parse_hard_cases(source: str) -> list[CorpusStory]:
    stories = []
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    for number, line in enumerate(lines, start=1):
        parts: list[str] = []
        planted: list[Planted] = []
        cursor = length = 0
        for mark in MARK.finditer(line):
            parts.append(line[cursor:mark.start()])
            length += mark.start() - cursor
            value = mark.group(2)
            planted.append(Planted(length, length + len(value), EntityType(mark.group(1))))
            parts.append(value)
            length += len(value)
            cursor = mark.end()
        parts.append(line[cursor:])
        stories.append(CorpusStory(f"h{number:03d}", "".join(parts), tuple(planted)))
    return stories


def evaluate_hard_cases(path: Path) -> Evaluation:
    return evaluate(parse_hard_cases(path.read_text(encoding="utf-8")))
