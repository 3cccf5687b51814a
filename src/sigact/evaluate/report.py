"""Presenting ``evaluate()`` results: rich tables, a confusion-matrix PNG, error listings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from rich.console import Console
from rich.table import Table

__all__ = ["comparison_markdown", "comparison_table", "markdown", "render", "records_table", "articles_table", "save_confusion_png", "write_errors", "summary_json"]


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def records_table(ds: str, s: Mapping[str, Any]) -> Table:
    """A rich table of one dataset's field accuracies (both denominators, with counts)."""
    t = Table(title=f"{ds}: {s['with_event']}/{s['n']} texts with an event ({_pct(s['with_event_share'])})")
    for col in ("field", "accuracy (all texts)", "correct / n", "accuracy (given event)", "n given event",
                "empty in prediction"):
        if col == "field":
            t.add_column(col, no_wrap=True, min_width=14)
        else:
            t.add_column(col, justify="right")
    for name, f in s["fields"].items():
        t.add_row(name, _pct(f["accuracy"]), f"{f['correct']} / {f['n']}", _pct(f["accuracy_given_event"]),
                  str(f["n_given_event"]), str(f.get("pred_missing", "-")))
    return t


def articles_table(a: Mapping[str, Any]) -> Table:
    """A rich table of article-level precision/recall/F1 and matched-field accuracy."""
    t = Table(title=(f"articles: {a['articles']} | gold incidents {a['gold_incidents']} | system incidents "
                     f"{a['system_incidents']} | matched {a['matched']}"))
    t.add_column("measure", no_wrap=True)
    t.add_column("value", justify="right")
    t.add_column("counts", justify="right")
    t.add_row("precision", _pct(a["precision"]), f"{a['matched']} / {a['system_incidents']}")
    t.add_row("recall", _pct(a["recall"]), f"{a['matched']} / {a['gold_incidents']}")
    t.add_row("F1", _pct(a["f1"]), "")
    for name, f in a["fields"].items():
        t.add_row(f"{name} (matched)", _pct(f["accuracy"]), f"{f['correct']} / {f['n']}")
    t.add_row("aggregate counted as incident", str(a["aggregate_as_incident"]), "")
    t.add_row("background counted as incident", str(a["background_as_incident"]), "")
    th = a.get("threats") or {}
    if th:
        t.add_row("threats matched", "", f"{th['matched']} (gold {th['n_gold']}, system {th['n_system']})")
    return t


def render(result: Mapping[str, Any], console: Console | None = None) -> None:
    """Print the evaluation tables of ``result`` (from ``evaluate``) to ``console``."""
    console = console or Console()
    if result["kind"] == "records":
        for ds, s in result["datasets"].items():
            console.print(records_table(ds, s))
            fat = s["fields"].get("fatalities")
            if fat and fat.get("n_gold_nonzero"):
                console.print(f"  fatalities where the gold toll is above 0: {_pct(fat['accuracy_gold_nonzero'])} "
                              f"({fat['correct_gold_nonzero']} / {fat['n_gold_nonzero']})")
    else:
        console.print(articles_table(result["articles"]))
    console.print(f"{result['n']} texts in {result['elapsed_s']} s ({result['texts_per_s']} texts/s); "
                  f"pipeline errors: {result['pipeline_errors']}; commit {result.get('git_commit')}; "
                  f"rules: {result['rules']}")


def markdown(result: Mapping[str, Any]) -> str:
    """The figures of ``result`` as GitHub Markdown tables (for docs/benchmarks.md)."""
    lines: list[str] = []
    if result["kind"] == "records":
        for ds, s in result["datasets"].items():
            lines += [f"**{ds}** ({s['n']} texts; with an event: {s['with_event']} = {_pct(s['with_event_share'])})", "",
                      "| field | accuracy (all texts) | 95% CI | correct / n | accuracy (given event) "
                      "| n given event | empty in prediction |",
                      "|---|---:|---:|---:|---:|---:|---:|"]
            for name, f in s["fields"].items():
                ci = f.get("ci95")
                cis = f"{100 * ci[0]:.0f}-{100 * ci[1]:.0f}%" if ci else "-"
                lines.append(f"| {name} | {_pct(f['accuracy'])} | {cis} | {f['correct']} / {f['n']} | "
                             f"{_pct(f['accuracy_given_event'])} | {f['n_given_event']} | "
                             f"{f.get('pred_missing', '-')} |")
            bt = s.get("by_gold_type") or {}
            if len(bt) > 1:
                names = list(s["fields"])
                lines += ["", f"by gold event type ({ds}; accuracy over all texts of that type):", "",
                          "| gold type | n | with event | " + " | ".join(names) + " |",
                          "|---|---:|---:|" + "---:|" * len(names)]
                for t, v in bt.items():
                    cells = [_pct(v["fields"][f]["accuracy"]) for f in names]
                    lines.append(f"| {t} | {v['n']} | {v['with_event']} | " + " | ".join(cells) + " |")
            fat = s["fields"].get("fatalities")
            if fat and fat.get("n_gold_nonzero"):
                lines.append("")
                lines.append(f"fatalities where the gold toll is above 0: {_pct(fat['accuracy_gold_nonzero'])} "
                             f"({fat['correct_gold_nonzero']} / {fat['n_gold_nonzero']})")
            lines.append("")
    else:
        a = result["articles"]
        lines += [f"{a['articles']} articles, {a['gold_incidents']} gold incidents, {a['system_incidents']} system "
                  f"incidents, {a['matched']} matched: precision {_pct(a['precision'])}, recall {_pct(a['recall'])}, "
                  f"F1 {_pct(a['f1'])}; aggregate counted as incident {a['aggregate_as_incident']}, background "
                  f"{a['background_as_incident']}; threats: gold {a['threats']['n_gold']}, system "
                  f"{a['threats']['n_system']}, matched {a['threats']['matched']}.", "",
                  "| matched field | accuracy | correct / n |", "|---|---:|---:|"]
        for name, f in a["fields"].items():
            lines.append(f"| {name} | {_pct(f['accuracy'])} | {f['correct']} / {f['n']} |")
        lines.append("")
    lines.append(f"{result['n']} texts in {result['elapsed_s']} s; pipeline errors {result['pipeline_errors']}; "
                 f"commit `{result.get('git_commit')}`; rules: country = {result['rules']['country']}, "
                 f"actor = {result['rules']['actor']}.")
    return "\n".join(lines) + "\n"


def summary_json(result: Mapping[str, Any]) -> dict[str, Any]:
    """What ``--json`` writes: ``result`` without the per-text ``items``, plus, for
    records, ``verdicts`` (per-text field verdicts, for a later ``--baseline``)."""
    from sigact.evaluate.compare import verdicts

    out = {k: v for k, v in result.items() if k != "items"}
    if result.get("kind") == "records":
        out["verdicts"] = verdicts(result)
    return out


def comparison_table(comparison: Mapping[str, Any]) -> Table:
    """A rich table of paired changes against a baseline run."""
    from sigact.evaluate.compare import format_p

    t = Table(title="change against the baseline (same texts, paired)")
    for col in ("dataset", "field", "paired", "before", "after", "improved", "regressed", "McNemar p"):
        t.add_column(col, justify="left" if col in ("dataset", "field") else "right", no_wrap=True)
    for ds, fields in comparison.items():
        for name, f in fields.items():
            t.add_row(ds, name, str(f["n_paired"]), str(f["before"]), str(f["after"]), str(f["improved"]),
                      str(f["regressed"]), format_p(f['p_value']))
    return t


def comparison_markdown(comparison: Mapping[str, Any]) -> str:
    """The paired comparison as a Markdown table."""
    from sigact.evaluate.compare import format_p

    lines = ["| dataset | field | paired texts | correct before | correct after | improved | regressed | McNemar p |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for ds, fields in comparison.items():
        for name, f in fields.items():
            lines.append(f"| {ds} | {name} | {f['n_paired']} | {f['before']} | {f['after']} | {f['improved']} | "
                         f"{f['regressed']} | {format_p(f['p_value'])} |")
    return "\n".join(lines) + "\n"


def write_errors(result: Mapping[str, Any], path: str | Path) -> int:
    """Write one JSON line per text with at least one wrong field (records) or a
    missed/spurious incident (articles).  Returns the number of lines written."""
    n = 0
    with Path(path).open("w", encoding="utf-8") as fh:
        for row in result.get("items", []):
            if result["kind"] == "records":
                wrong = [k for k, v in row["fields"].items() if v is False]
                if not wrong:
                    continue
                line = {**row, "wrong": wrong}
            else:
                bad = any(v is False for p in row["pairs"] for v in p["fields"].values())
                if not (row["missed"] or row["spurious"] or bad):
                    continue
                line = dict(row)
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            n += 1
    return n


def save_confusion_png(confusion: Mapping[str, Any], path: str | Path) -> Path:
    """Draw the ACLED event-type confusion matrix (rows gold, columns predicted) to a PNG.

    Returns the path written.  Uses matplotlib's Agg backend (no display needed).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    gold, pred = confusion["gold_labels"], confusion["pred_labels"]
    m = np.array(confusion["matrix"], dtype=int).reshape(len(gold), len(pred))
    fig, ax = plt.subplots(figsize=(1.1 * len(pred) + 3, 0.6 * len(gold) + 2.5), dpi=110)
    shares = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
    ax.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(pred)), labels=pred, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(len(gold)), labels=gold, fontsize=8)
    for i in range(len(gold)):
        for j in range(len(pred)):
            if m[i, j]:
                ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if shares[i, j] > 0.5 else "black")
    ax.set_xlabel("system (primary event)")
    ax.set_ylabel("gold (ACLED)")
    ax.set_title("ACLED event type: gold vs system (row-normalised shading)", fontsize=10)
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
