#!/usr/bin/env python3
"""Prints the table of scripts/bench.sh from hyperfine JSON and `/usr/bin/time -v` logs.

Usage: bench_report.py WITH_HUGO ROW...
where ROW is "pages|hyperfine.json|time-ck.txt|time-hugo.txt|ck summary line|ck html files|hugo html files".
"""

import json
import re
import statistics
import sys


def rss_mb(path):
    try:
        with open(path) as f:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
    except OSError:
        return None
    return int(m.group(1)) / 1024 if m else None


def results(path):
    with open(path) as f:
        data = json.load(f)
    out = {}
    for r in data["results"]:
        times = r["times"]
        out[r["command"]] = {
            "median": statistics.median(times),
            "min": min(times),
            "max": max(times),
            "cpu": r["user"] + r["system"],
        }
    return out


def fmt(x, spec, missing="-"):
    return missing if x is None else format(x, spec)


def main(argv):
    with_hugo = argv[1] == "1"
    header = ["corpus", "ck built", "ck wall s", "ck CPU s", "ck pages/s", "ck RSS MB"]
    if with_hugo:
        header += ["hugo built", "hugo wall s", "hugo CPU s", "hugo RSS MB", "hugo/ck"]
    rows, notes = [], []
    for spec in argv[2:]:
        pages, hf, t_ck, t_hugo, summary, ck_html, hugo_html = spec.split("|")
        r = results(hf)
        ck = r["circlekit"]
        per, _, langs = pages.partition("x")
        label = f"{int(per):,}" + (f" x {langs} languages" if langs else "")
        total = int(per) * int(langs or 1)
        m = re.match(r"built (\d+) page", summary)
        built = int(m.group(1)) if m else None
        row = [
            label,
            fmt(built, ","),
            f"{ck['median']:.3f}",
            f"{ck['cpu']:.3f}",
            f"{(built or total) / ck['median']:,.0f}",
            fmt(rss_mb(t_ck), ",.0f"),
        ]
        if with_hugo and "hugo" not in r:
            row += ["-"] * 5
        elif with_hugo:
            hu = r["hugo"]
            row += [
                f"{int(hugo_html):,}" if hugo_html else "-",
                f"{hu['median']:.3f}",
                f"{hu['cpu']:.3f}",
                fmt(rss_mb(t_hugo), ",.0f"),
                f"{hu['median'] / ck['median']:.1f}x",
            ]
        if "circlekit-warm-cache" in r:
            # Default builds with PDFs: the row above had a cold cache; this one a warm one.
            row[0] = f"{label} cold cache"
            warm = r["circlekit-warm-cache"]
            rows.append(row)
            row = [
                f"{label} warm cache",
                fmt(built, ","),
                f"{warm['median']:.3f}",
                f"{warm['cpu']:.3f}",
                f"{(built or total) / warm['median']:,.0f}",
                fmt(rss_mb(t_ck.replace("time-ck-", "time-ck-warm-cache-")), ",.0f"),
            ] + (["-"] * 5 if with_hugo else [])
        rows.append(row)
        notes.append(f"{label}: circlekit said \"{summary or 'no summary line'}\" "
                     f"({ck_html} .html files written); wall range {ck['min']:.3f}-{ck['max']:.3f} s"
                     + (f"; hugo range {r['hugo']['min']:.3f}-{r['hugo']['max']:.3f} s" if "hugo" in r else ""))
        if "circlekit-check" in r:
            c = r["circlekit-check"]
            notes.append(f"{label}: circlekit check (no writing) {c['median']:.3f} s wall, "
                         f"{c['cpu']:.3f} s CPU")

    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    for row in rows:
        print(line(row))
    print()
    print("wall = median of the timed runs; CPU = mean user+sys; RSS = peak resident set of one extra run;")
    print("ck pages/s = pages circlekit reports built / median wall.")
    if with_hugo:
        print("hugo built = .html files Hugo wrote (Hugo also renders a list page per circle section,")
        print("which circlekit's corpus layout does not); hugo/ck = ratio of median wall times.")
    for n in notes:
        print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
