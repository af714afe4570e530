"""Search: keystroke → filtered table, on 10,000 tokens, median and p95.

Run: ``python bench/search.py [--rows 10000] [--rounds 3]``.

Each keystroke is what the search field's debounce timer does once it fires,
``TokenFilterProxy.set_search_text(text)``, plus every event it causes (refilter, view layout, paint)
on a real, shown ``QTableView`` (offscreen). Queries are typed one character at a time and then erased
one at a time, as a user does; they match the demo server's token mix (names, groups, models, Chinese
names). The first round warms Qt's glyph cache and is reported on its own ("first keystrokes"), the
others are the samples. The floor is a plain repaint of the same, unfiltered view: what any change
of the visible rows costs before the model does anything.
"""

from __future__ import annotations

import argparse

from benchlib import Result, emit, seeded_tokens
from qtviews import application, settle, timed, token_table

QUERIES = ("claude", "翻译", "gpt-4o mini", "prod", "vip bot", "default")


def keystrokes(query: str) -> list[str]:
    """The field's text after each key: typed letter by letter, then erased with backspace."""
    typed = [query[: n + 1] for n in range(len(query))]
    return typed + typed[-2::-1] + [""]


def measure(rows: int, rounds: int) -> list[Result]:
    application()
    model, proxy, view = token_table()
    timed(lambda: model.set_tokens(seeded_tokens(rows, flavor="new-api")))
    settle()
    texts = [text for query in QUERIES for text in keystrokes(query)]

    def round_of_typing() -> list[float]:
        return [timed(lambda t=text: proxy.set_search_text(t)) for text in texts]

    first = round_of_typing()
    samples = [ms for _ in range(rounds) for ms in round_of_typing()]
    repaints = [timed(view.viewport().update) for _ in range(30)]
    floor = Result.of("floor: repaint of the unfiltered table", repaints)
    return [
        Result.of(f"search keystroke → filtered table, {rows:,} rows", samples, floor=floor.value,
                  target_value=16, judge="p95"),
        Result.of(f"search: first keystrokes after load, {rows:,} rows", first, floor=floor.value,
                  note="cold glyph cache, not judged"),
        floor,
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    emit(measure(args.rows, args.rounds), args.json)


if __name__ == "__main__":
    main()
