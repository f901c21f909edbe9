"""Explain and profile documents (ExecuteOpenCypherExplainQuery, ExecuteGremlinExplainQuery,
ExecuteGremlinProfileQuery): text for people to read, laid out like Neptune's.

[choice] The mock has no DFE plan to show: an openCypher explain lists the query's clauses as the
operators it runs, in order; ``dynamic`` and ``details`` also run a read-only query and report
its rows and time (a query that writes is not run for an explain). A Gremlin explain shows the
traversal as the engine reads it (no Neptune optimization stage); a Gremlin profile runs the
traversal and reports the engine's per-step metrics, and the results when asked.
"""

from __future__ import annotations

import re
import time
from typing import Any

_CLAUSE = re.compile(
    r"\b(OPTIONAL\s+MATCH|MATCH|WHERE|WITH|UNWIND|RETURN|ORDER\s+BY|SKIP|LIMIT|CREATE|MERGE|DETACH\s+DELETE|"
    r"DELETE|SET|REMOVE|CALL|UNION)\b",
    re.IGNORECASE,
)
_STRINGS = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`")
WRITES = {"CREATE", "MERGE", "DELETE", "DETACH DELETE", "SET", "REMOVE"}
EXPLAIN_MODES = {"static", "dynamic", "details"}


_GREMLIN_WRITES = re.compile(r"\.(addV|addE|drop|property|mergeV|mergeE)\s*\(")


def return_columns(query: str) -> list[str]:
    """The column names of a query's last RETURN, in order (an item's alias, else its text)."""
    returns = [arguments for name, arguments in clauses(query) if name == "RETURN"]
    if not returns:
        return []
    items = re.sub(r"^DISTINCT\s+", "", returns[-1], flags=re.IGNORECASE)
    masked = _STRINGS.sub(lambda m: "x" * len(m.group()), items)
    columns, depth, start = [], 0, 0
    for index, char in enumerate(masked + ","):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            item = items[start:index].strip()
            alias = re.search(r"\s+AS\s+(`[^`]+`|\w+)\s*$", item, re.IGNORECASE)
            columns.append(alias.group(1).strip("`") if alias else item)
            start = index + 1
    return columns


def gremlin_writes(query: str) -> bool:
    return bool(_GREMLIN_WRITES.search(_STRINGS.sub("", query)))


def clauses(query: str) -> list[tuple[str, str]]:
    masked = _STRINGS.sub(lambda m: " " * len(m.group()), query)
    starts = [(m.start(), " ".join(m.group(1).upper().split())) for m in _CLAUSE.finditer(masked)]
    clauses = []
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(query)
        clauses.append((name, " ".join(query[start + len(name) : end].split())))
    return clauses


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |", line]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    return "\n".join(out + [line])


def opencypher(query: str, mode: str, run: Any) -> str:
    found = clauses(query)
    rows = [[str(n), name, arguments] for n, (name, arguments) in enumerate(found)]
    document = [f"Query:\n{query}\n", f"Explain mode: {mode}\n", _table(["ID", "Name", "Arguments"], rows)]
    if mode in ("dynamic", "details"):
        if any(name in WRITES for name, _ in found):
            document.append("\nThe query writes: it was not run for this explain.")
        else:
            started = time.perf_counter()
            found = run()
            elapsed = (time.perf_counter() - started) * 1000
            document.append(f"\nUnits out: {len(found)}\nTime (ms): {elapsed:.3f}")
    return "\n".join(document) + "\n"


def gremlin_explain(query: str, traversal: str) -> str:
    return "\n".join(
        [
            "*******************************************************",
            "                Neptune Gremlin Explain",
            "*******************************************************",
            "",
            "Query String",
            "============",
            query,
            "",
            "Original Traversal",
            "==================",
            traversal,
            "",
            "Optimized Traversal",
            "===================",
            f"{traversal}    (moto_ext: the embedded engine runs the traversal as written)",
            "",
        ]
    )


def gremlin_profile(query: str, profile: dict[str, Any], results: list[Any] | None, chop: int | None) -> str:
    rows = [
        [
            str(step.get("name", "")),
            str(step.get("counts", {}).get("traverser_count", "")),
            str(step.get("counts", {}).get("element_count", "")),
            f"{step.get('duration_ns', 0) / 1e6:.3f}",
            f"{step.get('percent_duration', 0.0):.2f}",
        ]
        for step in profile.get("metrics", [])
    ]
    document = [
        "*******************************************************",
        "                Neptune Gremlin Profile",
        "*******************************************************",
        "",
        "Query String",
        "==================",
        query,
        "",
        "Metrics",
        "=======",
        _table(["Step", "Count", "Traversers", "Time (ms)", "% Dur"], rows),
        f">TOTAL                    {profile.get('duration_ns', 0) / 1e6:.3f} ms",
    ]
    if results is not None:
        shown = [repr(result) for result in results]
        text = "\n".join(shown)
        if chop:
            text = text[:chop]
        document += ["", "Results", "=======", f"Count: {len(results)}", text]
    return "\n".join(document) + "\n"
