"""The anonymisation quality report (docs/anonymisation.md), measured on two synthetic corpora and hand-written
hard cases."""

from __future__ import annotations

import platform
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from vertelpunt.anonymisation.adversarial import ADVERSARIAL
from vertelpunt.anonymisation.corpus import Evaluation, evaluate, generate_corpus
from vertelpunt.anonymisation.corpus_informal import generate_informal_corpus
from vertelpunt.anonymisation.hard_cases import evaluate_hard_cases

FIRST_SEED, INFORMAL_SEED = 20261127, 20261128


@dataclass(frozen=True)
class Measurement:
    first: Evaluation
    informal: Evaluation
    hard_cases: Evaluation | None
    first_count: int
    informal_count: int
    informal_words: int
    load_seconds: float
    stories_per_cpu_second: float
    worst_cpu_ms_per_10kb: float
    worst_best_run_ms: float
    worst_input: str


def measure(count: int = 320, informal_count: int = 360, hard_cases: Path | None = None) -> Measurement:
    from vertelpunt.anonymisation import anonymise

    started = time.process_time()
    anonymise("Mevrouw Jansen belde.")
    load = time.process_time() - started
    informal = generate_informal_corpus(informal_count, INFORMAL_SEED)
    first = generate_corpus(count, FIRST_SEED)
    started = time.process_time()
    for story in first:
        anonymise(story.text)
    rate = len(first) / (time.process_time() - started)
    worst, best, worst_input = _worst_case()
    return Measurement(
        first=evaluate(first), informal=evaluate(informal),
        hard_cases=evaluate_hard_cases(hard_cases) if hard_cases is not None and hard_cases.exists() else None,
        first_count=count, informal_count=informal_count, informal_words=sum(len(s.text.split()) for s in informal),
        load_seconds=load, stories_per_cpu_second=rate, worst_cpu_ms_per_10kb=worst, worst_best_run_ms=best,
        worst_input=worst_input,
    )


def _worst_case() -> tuple[float, float, str]:
    """The slowest adversarial input at 10 and 40 KB, in CPU ms per 10 KB: (median of five runs, best of five
    runs, which input). The best run shows the cost itself when other processes share the machine."""
    from vertelpunt.anonymisation import anonymise

    worst = (0.0, 0.0, "")
    for size in (10 * 1024, 40 * 1024):
        for name, make in ADVERSARIAL.items():
            text = make(size)
            runs = []
            for _ in range(5):
                started = time.process_time()
                anonymise(text)
                runs.append((time.process_time() - started) * 1000 * 10240 / len(text))
            worst = max(worst, (statistics.median(runs), min(runs), f"{name}, {size // 1024} KB"))
    return worst


def _type_rows(first: Evaluation, informal: Evaluation) -> str:
    rows = []
    for entity_type in sorted(set(first.planted) | set(informal.planted), key=lambda t: t.value):
        cells = []
        for evaluation in (first, informal):
            if entity_type in evaluation.planted:
                cells.append(f"{evaluation.planted[entity_type]} | {evaluation.recall[entity_type]:.4f}")
            else:
                cells.append("0 | -")
        missed = [*first.missed_examples.get(entity_type, [])[:2], *informal.missed_examples.get(entity_type, [])[:2]]
        rows.append(f"| {entity_type.value} | {' | '.join(cells)} | {', '.join(missed) or '-'} |")
    return "\n".join(rows)


def _origin_rows(evaluation: Evaluation) -> str:
    return "\n".join(f"| {origin} | {evaluation.planted_by_origin[origin]} | {recall:.4f} |"
                     for origin, recall in sorted(evaluation.recall_by_origin.items()))


def _hard_case_section(hard: Evaluation | None) -> str:
    if hard is None:
        return "Not measured in this run (the file tests/unit/anonymisation/hard_cases.txt was not found).\n"
    missed = "; ".join(f"{t.value}: {', '.join(v)}" for t, v in hard.missed_examples.items()) or "-"
    return (f"{sum(hard.planted.values())} identifiers written by hand in 40 short texts "
            "(tests/unit/anonymisation/hard_cases.txt): mid-sentence quotes, titles with initials, lower-case "
            "names after kinship words, spoken e-mail, a partial phone number as a trap, a two-digit year. "
            f"Recall **{hard.overall_recall:.4f}**, ordinary words kept {hard.words_kept:.4f}. Missed: {missed}.\n"
            "The very first run scored 0.787, mostly because five marks included a title or a weekday; once those "
            "were moved outside the mark (the corpora's convention, titles are kept), it found 43 of 46 (0.935), "
            "before any code change prompted by the file. The spoken 'op' in an e-mail address, a lower-case "
            "street of three words and \"17 april '79\" were missed; each was then fixed in general form, not by "
            "listing the case. A partial phone number that was first marked was unmarked: eight digits identify "
            "no one.\n")


def _summary(first: Evaluation, informal: Evaluation) -> str:
    return "\n".join([
        "| | first corpus | second corpus | target |",
        "|---|---|---|---|",
        f"| recall, all identifiers | **{first.overall_recall:.4f}** | **{informal.overall_recall:.4f}** | >= 0.995 |",
        f"| lowest recall of any type | {min(first.recall.values()):.4f} | {min(informal.recall.values()):.4f} | "
        ">= 0.995 |",
        f"| ordinary words kept | **{first.words_kept:.4f}** of {first.words_total} | **{informal.words_kept:.4f}** "
        f"of {informal.words_total} | >= 0.98 |",
    ])


def render_report(m: Measurement) -> str:
    first, informal = m.first, m.informal
    return f"""# Anonymisation quality

Generated by `vertelpunt anonymise --report docs/anonymisation.md` on {datetime.now(UTC):%Y-%m-%d}
(Python {platform.python_version()}). The numbers are exact counts on synthetic corpora, not estimates.
Recall: a planted identifier counts as found when every letter and digit of it is inside a redacted span (of any
type). Ordinary words kept: the share of words outside planted identifiers that stay in the text.

## How the anonymiser works
1. **Unicode normalisation before every check** (`normalise_for_detection`): NFKC, and every format character
   (category Cf: zero-width space and joiner, word joiner, soft hyphen, BOM) removed. Detection runs on the
   normalised copy; an offset map points every span back into the original, where the placeholders go.
2. **Structured identifiers** by RE2 patterns (google-re2: linear time whatever the input), with checksums: BSN
   (11-test), IBAN (mod-97), Dutch phone numbers, postcodes, licence plates, dates, e-mail, URLs, case numbers
   (keywords and the municipality's own patterns, which must be RE2 syntax and are checked when loaded).
3. **Written-out identifiers** over tokens: e-mail as "naam punt naam at provider punt com", "x(at)y(dot)nl",
   "x [at] y", "x apenstaartje y"; phone numbers and BSNs in number words or with wide separators.
4. **Names, places, addresses** over tokens, on real language data: first names and surnames of ~60 locales
   (Faker's person providers, MIT; Cyrillic transliterated) plus hand lists of origins Faker lacks (Moroccan,
   Somali, Eritrean, Syrian, Afghan, Surinamese, Antillean, Frisian, Kurdish...); the lower-case words of the
   OpenTaal Dutch word list (Debian `wdutch`, BSD licence) to tell a word from a name, and the words it also has as
   a proper noun ("Geurt", "Klaas"); Dutch woonplaatsen and country names (Faker nl_NL); organisations, laws,
   nationalities, holidays and brands that are never identifiers. The generated lists are rebuilt by
   `libs/anonymisation/scripts/build_data.py`; their licences are in `data/LICENCES.md`.
   A whole name is one span (initials, first names, tussenvoegsels, double surnames; titles stay outside), so
   "Karin [PERSOON-1]" cannot happen. A word is a
   name part when a list knows it as a name, when it is capitalised mid-sentence and not an ordinary word, or when
   a cue marks it: a title ("mevrouw fatma demir"), a naming verb ("zei jan", "met sven gebeld"), a relation
   ("mijn collega ruud"), a person's place ("kun je X even bellen", "X en haar dochter"). Streets: compound and
   multi-word names ("Laan van ...", "Dokter van ...weg") with house numbers such as 12a, 12-III, 10 bis, 3 huis.
5. Overlaps: the more certain finding wins; a finding that sticks out of it keeps the part that sticks out.

## Speed
- Loading the word lists: {m.load_seconds:.1f} s CPU, once per process (on the first call).
- First corpus: {m.stories_per_cpu_second:.0f} stories per CPU second on one core.
- Worst case over {len(ADVERSARIAL) * 2} adversarial inputs of 10 and 40 KB (repeated "a.", capitalised runs, digit and
  space runs, tussenvoegsel chains, spoken e-mail, street heads, ...): **{m.worst_cpu_ms_per_10kb:.0f} ms CPU per
  10 KB** (median of five runs; best run {m.worst_best_run_ms:.0f} ms; {m.worst_input}); target <= 50. CPU time,
  not wall time: the machine this report ran on is shared with other work, which also inflates CPU time.
- Why it stays linear: every structured pattern runs on RE2; the few Python patterns have bounded, unnested
  repetition (a unit test parses them); every token scan looks a bounded number of tokens ahead or back (a unit
  test counts the steps on adversarial inputs of 10 and 40 KB). `vertelpunt bench` measures the same worst case
  and the throughput against deduce on the same stories in one run (docs/benchmarks.md).

## The two corpora
- **First corpus** ({m.first_count} stories, seed {FIRST_SEED}, `vertelpunt.anonymisation.corpus`): short
  social-domain stories of filler sentences mixed with planted identifiers in standard formats. Its names come
  from the anonymiser's own hand lists plus a few outside them; it measures what the recognisers were built for.
- **Second corpus** ({m.informal_count} texts, {m.informal_words:,} words, seed {INFORMAL_SEED},
  `vertelpunt.anonymisation.corpus_informal`), generated differently: other templates; chat threads in lower
  case without punctuation; case notes; one text in six a story of about 800 words in which identifiers recur;
  names from a hand-curated list by origin that shares **no word** with the anonymiser's name lists (a unit test
  asserts it), written in lower case, as a first name alone, with a title, with initials, double-barrelled;
  identifiers in loose formats (split by zero-width spaces, spoken e-mail, phone numbers in words or with wide
  separators, lower-case plates and postcodes, compound street names with bis/-III/huis); filler with
  organisations, brands, English and chat words that must survive.

## Results per type
| type | first: planted | first: recall | second: planted | second: recall | missed (examples) |
|---|---|---|---|---|---|
{_type_rows(first, informal)}

{_summary(first, informal)}

Over-redacted words, first corpus: {", ".join(first.over_redacted_examples[:10]) or "-"}.
Over-redacted words, second corpus: {", ".join(informal.over_redacted_examples[:10]) or "-"}.

## Second corpus: recall on person names per origin
| origin | names planted | recall |
|---|---|---|
{_origin_rows(informal)}

## Hand-written hard cases
{_hard_case_section(m.hard_cases)}
## Limits, honestly
- Both corpora and the hard cases were written by the team that wrote the recognisers. The second corpus keeps
  its names out of the lists, but its sentence shapes were still imagined by us, and rules were added while it
  was measured (for example "X en haar dochter" and "kun je X even bellen" as person slots). Expect lower recall
  on real text; the held-out set of issue 9 is the honest test.
- A lower-case name that is also a common Dutch word and has no cue is kept ("ik kwam roos tegen bij de
  kassa"); so is a lower-case name with no cue at all ("vandaag kwam X langs" works only when X is in a name
  list or the sentence gives a slot). A capitalised name that is an ordinary word mid-sentence is found only
  when a name list or the word list also has it as a proper noun (so "heeft Geurt de sleutels" is found) or a cue
  is near.
- A lower-case surname that is a Dutch compound ("veldkamp", "tijhuis") can pass for a word in chat text.
- A capitalised word mid-sentence that is not Dutch is taken for a name (after "in", "bij" or "naar" for a
  place): unknown brand or organisation names ("bij Zorgbalans") are over-redacted; the review step lets the
  storyteller restore them. Words in capitals of up to three letters (up to five when no list knows them as a
  name) are kept as acronyms, also when they are someone's initials written without dots ("AB").
- A name at the start of a sentence that is also an ordinary word and is followed by neither another name part
  nor a verb is kept ("Roos, kom je even?").
- Places outside the woonplaatsen list are found only after a cue ("woont in", "verhuisd naar") or as an
  unknown capitalised word. Countries, provinces and regions are kept on purpose (not direct identifiers).
- Homoglyphs from other scripts (a Cyrillic "а" inside a Latin name) are not folded by NFKC and can hide a
  name from the lists (the capital-letter rule still applies).
- A BSN split over a line break is not found (a phone number is); identifiers spelled letter by letter or sent
  as images are not found. Partial numbers (eight digits of a phone number) are not identifiers and are kept.
- Names written in Arabic, Cyrillic or Chinese script are not in the lists (the lists are Latin script).
- The review step lets the storyteller mark a missed identifier or restore a word, and the federation service
  checks every story again with separate code before it leaves the municipality.
"""
