#!/usr/bin/env python3
"""bench/same_answers.py: do two newsq binaries give the same answers? For a change meant to keep
behaviour (a restructuring, an optimisation), build the CLI before and after, and this indexes the
same corpus with each (each with a gazetteer it builds itself), runs every query of
bench/query_mix.tsv (flags as the query benchmark gives them) and bench/nl_queries.txt (one-line
queries, understood) through both, and compares the total, the ids of the first 20 hits in order,
and every facet's values and counts. Prints one line per query and exits 1 if any differs.
  same_answers.py OLD_NEWSQ NEW_NEWSQ SHARED_DIR WORK_DIR   (make -f Makefile.bench same-answers)
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOW = "2022-12-31"


def run(cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"same_answers: {' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def queries():
    """(label, search arguments) for every query of the mix and of the one-line list."""
    out = []
    for line in (ROOT / "bench" / "query_mix.tsv").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        kind, text, start, end, *rest = line.split("\t") + ["", "", "", ""]
        args = ["--literal"]
        if start:
            args += ["--from", start]
        if end:
            args += ["--to", end]
        place = rest[0] if rest else ""
        if ":" in place:
            how, name = place.split(":", 1)
            args += ["--near", name] if how == "near" else ["--place", name]
        out.append((f"mix {kind}: {text}", args + ["--", text]))
    for line in (ROOT / "bench" / "nl_queries.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            out.append((f"one-line: {line}", ["--now", NOW, "--", line]))
    return out


def answer(cli, db, args):
    j = json.loads(run([cli, "search", "--db", db, "--json", "--limit", "20"] + args))
    facets = {name: [(v.get("value"), v.get("count")) for v in values] for name, values in j.get("facets", {}).items()}
    return {"total": j.get("total"), "hits": [h.get("id") for h in j.get("hits", [])], "facets": facets}


def build(cli, shared, work, tag):
    gazetteer = work / f"{tag}-gazetteer.bin"
    db = work / f"{tag}.db"
    g = shared / "gazetteer"
    if not gazetteer.exists():
        run([cli, "gazetteer", "build", "--out", str(gazetteer), str(g / "cities500.txt"),
             str(g / "admin1CodesASCII.txt"), str(g / "admin2Codes.txt.gz"),
             str(g / "countryInfo.txt"), str(ROOT / "corpus" / "places.tsv"),
             str(ROOT / "corpus" / "demonyms.tsv")])
    if not db.exists():
        run([cli, "index", "--quiet", "--db", str(db), "--gazetteer", str(gazetteer), str(shared / "corpus")])
    return str(db)


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    old, new = sys.argv[1], sys.argv[2]
    shared, work = pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    work.mkdir(parents=True, exist_ok=True)
    old_db, new_db = build(old, shared, work, "old"), build(new, shared, work, "new")
    differ = 0
    mix = queries()
    for label, args in mix:
        a, b = answer(old, old_db, args), answer(new, new_db, args)
        same = [k for k in ("total", "hits", "facets") if a[k] == b[k]]
        if len(same) == 3:
            print(f"same     total {a['total']:>6}  {label}")
        else:
            differ += 1
            what = ", ".join(k for k in ("total", "hits", "facets") if a[k] != b[k])
            print(f"DIFFERS  total {a['total']} -> {b['total']}  ({what})  {label}")
    print(f"{len(mix) - differ} of {len(mix)} queries answered the same")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
