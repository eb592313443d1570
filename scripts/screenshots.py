"""Screenshots of the built site for review: the home page, a profile, a comparison table and a pair page at a
desktop (1280 px) and a phone (390 px) width, and the printed state and pair briefs (PDF and first page as PNG).

    python scripts/screenshots.py OUT/ [--site site/]

Builds the site into a temporary folder unless --site names a built one. Needs Chromium (CHROMIUM, default
/usr/bin/chromium) and the `test` extra (playwright, pypdf); the first page of each PDF is rendered with pypdfium2
and Pillow when installed."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = {"home": "index.html", "profile-th": "countries/th/index.html", "compare-definitions": "compare/definitions.html",
         "pair-ph-vn": "cooperate/ph-vn/index.html"}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
BRIEFS = {"brief-state-my": "countries/my/index.html", "brief-pair-ph-vn": "cooperate/ph-vn/index.html"}


def first_page_png(pdf: Path, png: Path) -> bool:
    """The PDF's first page as an image, where pypdfium2 and Pillow are installed."""
    try:
        import pypdfium2
    except ImportError:
        return False
    pypdfium2.PdfDocument(pdf)[0].render(scale=1.5).to_pil().save(png)
    return True


def shoot(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width, (w, h) in WIDTHS.items():
            for name, rel in PAGES.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                page.goto((site / rel).as_uri())
                written.append(out / f"{name}-{width}.png")
                page.screenshot(path=str(written[-1]))  # the first screen, as a reader first sees it
                page.close()
        for name, rel in BRIEFS.items():
            page = browser.new_page()
            page.goto((site / rel).as_uri())
            page.emulate_media(media="print")
            written.append(out / f"{name}.pdf")
            page.pdf(path=str(written[-1]), prefer_css_page_size=True)
            page.close()
            if first_page_png(written[-1], out / f"{name}-page1.png"):
                written.append(out / f"{name}-page1.png")
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG and PDF files")
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                           check=True)
        for path in shoot(site, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
