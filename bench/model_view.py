"""Model load and sorting: 10,000 tokens into ``TokenTableModel`` behind a real, shown ``QTableView``.

Run: ``python bench/model_view.py [--rows 10000] [--runs 7]``.

Load: ``model.set_tokens(tokens)`` plus the event processing it causes (proxy refilter, view reset,
layout, paint), alternating two different 10,000-token lists so that every run replaces every row, as a
refresh does. Its floor is Qt's own share: ``PlainModel`` (precomputed strings, nothing else) behind
Qt's C++ ``QSortFilterProxyModel`` in an identically configured view.

Sort: a click on each column header (``setSortIndicator``, which is what a click does), ascending and
descending, plus the repaint. The table starts as the app starts it: sorted by Created, newest first.
"""

from __future__ import annotations

import argparse

from benchlib import Result, emit, seeded_tokens
from qtviews import application, plain_table, settle, timed, token_table


def measure(rows: int, runs: int) -> list[Result]:
    from PySide6.QtCore import Qt

    from openkey_gui.ui.token_cells import Column
    from openkey_gui.ui.token_model import TokenTableModel

    application()
    batches = [seeded_tokens(rows, seed=1), seeded_tokens(rows, seed=2)]
    model, _proxy, view = token_table()
    first = timed(lambda: model.set_tokens(batches[0]))
    loads = [timed(lambda i=i: model.set_tokens(batches[(i + 1) % 2])) for i in range(runs)]

    plain, plain_view = plain_table()
    texts = [[tuple(str(model.index(r, c).data()) for c in range(len(Column))) for r in range(rows)]]
    texts.append(list(reversed(texts[0])))
    timed(lambda: plain.set_rows(texts[0]))
    plain_loads = [timed(lambda i=i: plain.set_rows(texts[(i + 1) % 2])) for i in range(runs)]
    plain_view.hide()

    floor = Result.of("floor: plain model reset", plain_loads)
    results = [
        Result.of(f"model load, {rows:,} rows (refresh: replace every row)", loads, floor=floor.value,
                  target_value=100),
        Result(f"model load, {rows:,} rows into an empty table (first listing)", first, target_value=100),
    ]
    header = view.horizontalHeader()
    orders = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
    for column in Column:
        samples: list[float] = []
        for _ in range(max(1, runs // 2)):
            for order in orders:
                samples.append(timed(lambda c=column, o=order: header.setSortIndicator(c, o)))
                header.setSortIndicator(Column.CREATED if column != Column.CREATED else Column.NAME, orders[0])
                settle()
        results.append(Result.of(f"sort by {column.name.lower()}, {rows:,} rows", samples, target_value=100))
    results.append(floor)
    # the model must stay correct, not only fast: everything still there after all that
    assert model.rowCount() == rows and isinstance(model, TokenTableModel)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    emit(measure(args.rows, args.runs), args.json)


if __name__ == "__main__":
    main()
