"""Benchmark: what our layer costs and how it grows, on synthetic data sets of 11 to 249 states.

Sizes are 11 ASEAN members plus partner states: 51 is the members with 40 partners, 249 every state the schema
can name (a state is its ISO 3166-1 code, and there are 249). For each size it measures (medians of --runs runs):
validation (`compendium validate`, interpreter start included); the full build as `compendium build` runs it (validation, rendering, exports, search index, MkDocs,
offline zip);
MkDocs alone building the same already-rendered Markdown, as it configures itself by default (with its search
plugin: "bare s") and with no plugin at all ("floor s"), and the ratios; site, bundle and search-index sizes;
peak memory; and, in headless Chromium from file:// over --page-loads page loads (medians), time until search is
ready, the longest main-thread task after the page has loaded (what search costs the page: the idle prefetch,
loading, queries), and query latency. Prints one table and writes the figures as JSON.

    python scripts/benchmark.py                  # 11, 51, 200 and 249 states, 3 runs each
    python scripts/benchmark.py --sizes 11 51 --runs 2 --json bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent

import synthetic  # noqa: E402

from compendium import bundle, render, search  # noqa: E402
from compendium.dataset import load  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERIES = ["central authority", "video link testimony", "forced criminality", "extradition nationals", "ການຄ້າມະນຸດ"]


def _timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one child process, from wait4's own rusage."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764288000"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _project(root: Path, n: int) -> Path:
    project = root / f"states-{n}"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder, dirs_exist_ok=True)
    synthetic.generate(n, project / "data")
    # The bare builds: the same pages, already rendered, built by MkDocs + Material without our plugin,
    # once as MkDocs configures itself by default (with its `search` plugin: a site with search, like ours)
    # and once with no plugin at all (the floor).
    bare = root / f"bare-{n}"
    shutil.copytree(ROOT / "docs", bare / "docs", dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", bare / "overrides", dirs_exist_ok=True)
    render.write(load(project / "data"), bare / "docs")
    config = (ROOT / "mkdocs.yml").read_text()
    (bare / "mkdocs.yml").write_text(config.replace("  - compendium:\n      data_dir: data\n", "  - search\n"))
    (bare / "nosearch.yml").write_text(config.replace("  - compendium:\n      data_dir: data\n", "  []\n"))
    return project


def _browser(site: Path, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    ready, loaded, blocks, latency = [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        for _ in range(runs):
            page = browser.new_page()
            page.add_init_script("window.__long=[];new PerformanceObserver(l=>{for(const e of l.getEntries())"
                                 "window.__long.push([e.startTime,e.duration])}).observe({type:'longtask',buffered:true});")
            page.goto((site / "countries/th/index.html").as_uri())
            page.wait_for_load_state("load")
            # From here on: the idle prefetch, loading, queries. Tasks are filtered by when they started, not by
            # when the observer reports them: it may report the page's own loading tasks after this point.
            since = page.evaluate("performance.now()")
            page.wait_for_timeout(200)  # a reader's first glance before reaching for the search box
            page.focus("#cmp-search-input")  # the index loads when the reader starts to search
            page.wait_for_function("() => document.documentElement.getAttribute('data-cmp-search') === 'ready'", timeout=60000)
            ready.append(page.evaluate("window.cmpSearchTimings.ready"))
            loaded.append(page.evaluate("window.cmpSearchTimings.loaded"))
            for q in QUERIES:
                page.fill("#cmp-search-input", q)
                page.keyboard.press("End")
                page.wait_for_function("q => document.getElementById('cmp-search-results').getAttribute('data-query') === q",
                                       arg=q)
                latency.append(page.evaluate("window.cmpSearchTimings.lastQuery"))
            page.wait_for_timeout(100)
            blocks.append(max((d for start, d in page.evaluate("window.__long") if start >= since), default=0.0))
            page.close()
        browser.close()
    return {"search_ready_ms": statistics.median(ready), "search_load_ms": statistics.median(loaded),
            "longest_block_ms": max(blocks),
            "query_ms_median": statistics.median(latency), "query_ms_max": max(latency)}


def measure(root: Path, n: int, runs: int, with_browser: bool, page_loads: int = 5) -> dict[str, float]:
    project = _project(root, n)
    # `compendium validate` as an editor runs it, in a fresh process: loading in this one would find the records
    # already read (the loader keeps them by content) and measure almost nothing.
    validation = [_timed([sys.executable, "-m", "compendium", "validate"], project)[0] for _ in range(runs)]
    full, full_mem, bare, floor = [], [], [], []
    for _ in range(runs):
        t, m = _timed([sys.executable, "-m", "compendium", "build"], project)
        full.append(t)
        full_mem.append(m)
        bare.append(_timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / f"bare-{n}/site")], root / f"bare-{n}")[0])
        floor.append(_timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "nosearch.yml", "-d",
                             str(root / f"bare-{n}/site-nosearch")], root / f"bare-{n}")[0])
    site = project / "site"
    archive = project / "dist" / bundle.ARCHIVE
    result = {
        "states": n,
        "pages": sum(1 for _ in site.rglob("*.html")),
        "validation_s": statistics.median(validation),
        "build_s": statistics.median(full),
        "bare_mkdocs_s": statistics.median(bare),
        "ratio": statistics.median(full) / statistics.median(bare),
        "bare_no_search_s": statistics.median(floor),
        "ratio_no_search": statistics.median(full) / statistics.median(floor),
        "site_mb": _size(site) / 2**20,
        "bundle_mb": _size(archive) / 2**20,
        "index_mb": sum(_size(p) for p in search.index_files(site)) / 2**20,
        "peak_mem_mb": max(full_mem) / 1024,
    }
    if with_browser:
        # Let the files just written reach the disk first: otherwise the browser measures the page cache
        # being flushed (search readiness doubled right after a large build), not the site.
        os.sync()
        time.sleep(3)
        result |= _browser(site, page_loads)
    return result


COLUMNS = [("states", "{:>6}"), ("pages", "{:>6}"), ("validation_s", "{:>8.2f}"), ("build_s", "{:>8.2f}"),
           ("bare_mkdocs_s", "{:>8.2f}"), ("ratio", "{:>6.2f}"), ("bare_no_search_s", "{:>8.2f}"),
           ("ratio_no_search", "{:>6.2f}"), ("site_mb", "{:>8.1f}"), ("bundle_mb", "{:>8.1f}"),
           ("index_mb", "{:>8.2f}"), ("peak_mem_mb", "{:>8.0f}"), ("search_ready_ms", "{:>8.0f}"), ("search_load_ms", "{:>8.0f}"),
           ("longest_block_ms", "{:>8.0f}"), ("query_ms_median", "{:>8.1f}"), ("query_ms_max", "{:>8.1f}")]
HEADERS = ["states", "pages", "valid s", "build s", "bare s", "ratio", "floor s", "ratio", "site MB", "zip MB", "index MB", "mem MB",
           "ready ms", "load ms", "block ms", "query ms", "q max ms"]


def table(results: list[dict[str, float]]) -> str:
    widths = [max(len(h), len(f.format(0))) for h, (_, f) in zip(HEADERS, COLUMNS, strict=True)]
    lines = [" ".join(h.rjust(w) for h, w in zip(HEADERS, widths, strict=True))]
    for r in results:
        cells = [f.format(r[k]).rjust(w) if k in r else "—".rjust(w) for (k, f), w in zip(COLUMNS, widths, strict=True)]
        lines.append(" ".join(cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[11, 51, 200, 249])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("benchmark-results.json"))
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--page-loads", type=int, default=5,
                        help="page loads per size for the search timings (cheap, unlike builds; default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="compendium-bench-") as tmp:
        results = []
        for n in args.sizes:
            results.append(measure(Path(tmp), n, args.runs, not args.no_browser, args.page_loads))
            print(f"measured {n} states", file=sys.stderr)
    print(table(results))
    args.json.write_text(json.dumps({"machine": {"cpus": os.cpu_count()}, "runs": args.runs, "page_loads": args.page_loads,
                                     "results": results}, indent=2))
    print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
