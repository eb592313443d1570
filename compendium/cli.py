"""`compendium` command: a thin layer over the pipeline stages and over MkDocs."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from .problems import DataError

DEFAULT_DATA = Path("data")


def _load(args: argparse.Namespace):  # noqa: ANN202 - returns Dataset or None
    from .dataset import load

    try:
        return load(args.data)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    ds = _load(args)
    if ds is None:
        return 1
    print(f"ok: {len(ds.countries)} countries, {len(ds.treaties)} treaties in {args.data}/")
    return 0


def _render(args: argparse.Namespace) -> int:
    from . import render

    ds = _load(args)
    if ds is None:
        return 1
    written = render.write(ds, args.out)
    pages = sum(p.suffix == ".md" for p in written)
    print(f"wrote {pages} Markdown pages and {len(written) - pages} data files under {args.out}/")
    return 0


def _mkdocs(*extra: str) -> int:
    """Run MkDocs's own command line in this process: the records just validated are then read from the loader's
    cache instead of again, and no second interpreter starts (a second or more of every build)."""
    import click
    from mkdocs.__main__ import cli

    # Material 9.8 prints a banner about its end of life on every run; docs/architecture.md plans for it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        cli.main(args=list(extra), prog_name="mkdocs", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:  # MkDocs's Abort, e.g. warnings in strict mode or a plugin's error
        exc.show()
        return exc.exit_code
    except click.Abort:
        return 1
    return 0


def _build(args: argparse.Namespace) -> int:
    # Validate first so a data error prints in our format alone. Every output is written beside its target
    # (site.building/, dist.building/) and swapped in whole, so a build that fails or is killed at any moment
    # leaves either the old output or the new one where readers look, never a half-written one.
    ds = _load(args)
    if ds is None:
        return 1
    from . import bundle, exports, render, views

    # Rendering starts now, on the other core, while MkDocs loads; the plugin takes the worker over if it renders
    # what the plugin would (MkDocs runs here, so its configuration is ./mkdocs.yml: the day and version match).
    today = views.build_date(ds)  # as the plugin works it out
    render.Background.prestart(ds, today, exports.release(Path.cwd(), today))

    target, dist = args.site_dir.resolve(), args.dist.resolve()
    if args.bundle and (stray := bundle.foreign_files(dist)):
        print(f"{args.dist}/ holds files other than the offline bundle ({', '.join(stray[:3])}); the build replaces "
              "that folder whole: give --dist an empty or bundle-only folder", file=sys.stderr)
        return 1
    for folder in (target, dist):
        bundle.recover(folder)  # finish or undo what a killed build left behind
    staging = bundle.staging(target)
    if args.bundle:  # written while MkDocs builds: the plugin hands each page to it as it is rendered
        bundle_staging = bundle.staging(dist)
        bundle.current = bundle.Writer(bundle_staging / bundle.ARCHIVE, bundle.FOLDER)
    try:
        code = _mkdocs("build", "--strict", "--site-dir", str(staging))
        writer, bundle.current = bundle.current, None
        if code != 0:
            if writer is not None:
                writer.abandon()
                shutil.rmtree(bundle_staging, ignore_errors=True)
            shutil.rmtree(staging, ignore_errors=True)
            print("build failed; the previous site (if any) is unchanged", file=sys.stderr)
            return code
        bundle.pause_at("site-staged")
        if writer is not None:
            try:
                _, checksum = writer.finish(staging)
            except RuntimeError as exc:
                shutil.rmtree(bundle_staging, ignore_errors=True)
                shutil.rmtree(staging, ignore_errors=True)
                print(f"build failed: {exc}; the previous site and bundle (if any) are unchanged", file=sys.stderr)
                return 1
            bundle.pause_at("bundle-staged")
    finally:
        bundle.current = None
        render.Background.discard()
    bundle.swap(staging, target)
    print(f"site built in {args.site_dir}/")
    bundle.pause_at("site-swapped")
    if args.bundle:
        bundle.swap(bundle_staging, dist)
        size = (dist / bundle.ARCHIVE).stat().st_size // 1024
        print(f"offline bundle: {args.dist / bundle.ARCHIVE} ({size} KiB), checksum in {checksum.name}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    if _load(args) is None:
        print("serving anyway: the problems are shown on every page until they are fixed", file=sys.stderr)
    # Become MkDocs (no child process): stopping `compendium serve` then stops the server too. `--dirty`: after the
    # first build only the pages whose content changed are rebuilt (the plugin decides), so an edit shows fast.
    # `--no-strict`: a warning must not abort a rebuild, or every request waits for a good one; `build` stays strict.
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", args.dev_addr])
    return 0  # not reached


def _search(args: argparse.Namespace) -> int:
    from . import search

    if not all(path.exists() for path in search.index_files(args.site_dir)):
        print(f"no search index in {args.site_dir}/: run `compendium build` first", file=sys.stderr)
        return 1
    hits = search.search(args.site_dir, args.query, args.limit)
    for rank, (url, title, score) in enumerate(hits, 1):
        print(f"{rank:2}. {title}\n    {args.site_dir}/{url}  (score {score:.2f})")
    if not hits:
        print(f"no match for {args.query!r}")
    return 0


def _coverage(args: argparse.Namespace) -> int:
    from .coverage import as_text, backbone, coverage, treaty_coverage
    from .views import build_date

    ds = _load(args)
    if ds is None:
        return 1
    print(as_text(coverage(ds, build_date(ds, args.data)), treaty_coverage(ds), backbone(ds)))
    from . import freshness

    print()
    print(freshness.as_text(list(freshness.stale(ds, build_date(ds, args.data), args.stale_after)), args.stale_after))
    return 0


def _new(args: argparse.Namespace) -> int:
    from . import scaffold
    from .suggest import country_code

    code = args.code.upper() if len(args.code) == 2 else args.code
    try:
        text = scaffold.country(code)
    except ValueError as exc:
        guess = country_code(args.code)
        print(f"{exc}" + (f"\n  hint: did you mean `{guess}`?" if guess else ""), file=sys.stderr)
        return 1
    path = args.data / "countries" / f"{code.lower()}.yml"
    if path.exists():
        print(f"{path} already exists; edit it instead", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: every section is `unknown`; fill in what you can source, then run `compendium validate`")
    return 0


def _fmt(args: argparse.Namespace) -> int:
    from . import fmt

    paths = args.files or fmt.data_files(args.data)
    changed, skipped = fmt.run(paths, check=args.check)
    for line in skipped:
        print(line, file=sys.stderr)
    for path in changed:
        print(f"{'would reformat' if args.check else 'reformatted'} {path}")
    if args.check and changed:
        print(f"{len(changed)} file(s) not in the canonical layout: run `compendium fmt`", file=sys.stderr)
    print(f"{len(paths) - len(changed) - len(skipped)} file(s) already canonical")
    return 1 if (args.check and changed) or skipped else 0


def _diff(args: argparse.Namespace) -> int:
    from . import diff

    try:
        report = diff.compare(args.rev, args.data)
    except ValueError as exc:  # not a git repository, or an unknown revision
        print(f"cannot compare with {args.rev!r}: {exc}", file=sys.stderr)
        return 2
    print(diff.markdown(report), end="")
    return 0


SCHEMA_DIR = Path("schemas")


def _schema(args: argparse.Namespace) -> int:
    from .exports import schemas

    if args.write:
        SCHEMA_DIR.mkdir(exist_ok=True)
        for name, schema in schemas().items():
            (SCHEMA_DIR / f"{name}.schema.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {SCHEMA_DIR}/country.schema.json and {SCHEMA_DIR}/treaty.schema.json")
        return 0
    print(json.dumps(schemas()[args.record], indent=2, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="compendium", description="Validate, render, build and search the compendium.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: ./data)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every record and rule; print every problem; exit 1 if any")
    p = sub.add_parser("render", help="write the generated Markdown pages to a folder, without MkDocs")
    p.add_argument("out", type=Path)
    p = sub.add_parser("build", help="validate, build the static site with MkDocs, and zip it for offline use")
    p.add_argument("--site-dir", type=Path, default=Path("site"))
    p.add_argument("--dist", type=Path, default=Path("dist"), help="where the offline zip and its checksum go")
    p.add_argument("--no-bundle", dest="bundle", action="store_false", help="skip the offline zip")
    p = sub.add_parser("serve", help="validate, then serve the site; edits to data/ reload the page")
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    p = sub.add_parser("search", help="search the built site's index from the terminal")
    p.add_argument("query")
    p.add_argument("--site-dir", type=Path, default=Path("site"))
    p.add_argument("--limit", type=int, default=10)
    p = sub.add_parser("coverage", help="print, per state and section, what is filled, sourced, unknown and stale")
    p.add_argument("--stale-after", type=int, default=12, metavar="MONTHS",
                   help="list sourced sections last checked more than this many months ago (default: 12)")
    p = sub.add_parser("schema", help="print the JSON Schema of a record, or --write the committed copies for editors")
    p.add_argument("record", choices=["country", "treaty"], nargs="?", default="country")
    p.add_argument("--write", action="store_true", help="regenerate schemas/*.schema.json")
    p = sub.add_parser("new", help="start the record of a state: every section present and unknown")
    p.add_argument("code", help="ISO 3166-1 alpha-2 code, e.g. TL")
    p = sub.add_parser("fmt", help="put data files in the canonical key order and layout (comments are kept)")
    p.add_argument("files", nargs="*", type=Path, help="files to format (default: every record under --data)")
    p.add_argument("--check", action="store_true", help="change nothing; list files that would change, exit 1 if any")
    p = sub.add_parser("diff", help="what changed in the data since a git revision, in plain words (Markdown)")
    p.add_argument("rev", help="a git revision, e.g. origin/main or a tag")
    args = parser.parse_args(argv)
    handlers = {"validate": _validate, "render": _render, "build": _build, "serve": _serve, "search": _search, "schema": _schema,
                "coverage": _coverage, "new": _new, "fmt": _fmt, "diff": _diff}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
