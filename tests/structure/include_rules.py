#!/usr/bin/env python3
"""tests/structure/include_rules.py: checks that newsq's folders depend on each other in one direction.

The folders below are listed in dependency order (docs/architecture.md): a source file may include
headers of its own folder and of the folders listed before it, never of one listed after it, so
that there is no cycle between folders. The public headers (engine/include/newsq) include only each
other, and the command-line tool (cli/) uses only the public API. Run by ctest; prints every
violation as file:line: reason and exits 1 if there is any.

  include_rules.py [ROOT]
"""
import pathlib
import re
import sys

# (folder, what it may include besides itself and the folders above it)
LAYERS = [
    "engine/include/newsq",  # the public API
    "engine/common",         # helpers every layer shares
    "indexer/readers",       # files -> Article records
    "indexer/analysis",      # text -> tokens and stems (indexing and querying)
    "indexer/places",        # gazetteer, finding places in text
    "engine/index",          # schema, documents, writing and reading the index on disk
    "query/understand",      # query text -> understood query
    "query/collect",         # facets, collapsing, snippets, spelling
    "query",                 # running a search
    "engine/api",            # the public API implemented over the folders above
]
# Folders that may use the public API only (and themselves).
PUBLIC_ONLY = ["cli", "examples"]

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(path: str):
    """The layer (or public-only folder) a path belongs to: the longest listed prefix."""
    best = None
    for folder in LAYERS + PUBLIC_ONLY:
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def header_folder(include: str):
    if include.startswith("newsq/"):
        return "engine/include/newsq"
    return folder_of(include)


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    violations = []
    checked = 0
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cc", ".in") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if rel.startswith(("build", "tests/", "bench/", ".")):
            continue
        own = folder_of(rel)
        if own is None:
            continue
        checked += 1
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            include = m.group(1)
            target = header_folder(include)
            if target is None:
                # Generated headers live beside their source folder's name.
                continue
            if own in PUBLIC_ONLY:
                if target not in (own, "engine/include/newsq"):
                    violations.append(f"{rel}:{number}: {own}/ uses only the public API, not {include}")
                continue
            if target in PUBLIC_ONLY:
                violations.append(f"{rel}:{number}: the library cannot include {include} ({target}/ is above it)")
                continue
            if own == "engine/include/newsq" and target != own:
                violations.append(f"{rel}:{number}: a public header includes internal {include}")
                continue
            if LAYERS.index(target) > LAYERS.index(own):
                violations.append(f"{rel}:{number}: {own}/ cannot include {include}: {target}/ comes after it "
                                  f"in the dependency order (tests/structure/include_rules.py)")
    for v in violations:
        print(v)
    if checked == 0:
        print(f"include_rules: no source files found under {root}")
        return 1
    print(f"include_rules: {checked} files, {len(violations)} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
