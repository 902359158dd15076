"""Where the benchmarks find ../shared/data (beside the repository), and its real pages."""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def article_pages(shared: Path) -> list[Path]:
    """The gzipped real pages under ``shared``, in name order; empty (with the reason on
    stderr) when the data is not there."""
    pages = sorted((shared / "articles" / "html").glob("*.html.gz"))
    if not pages:
        print(f"no pages under {shared}/articles/html (is ../shared there?)", file=sys.stderr)
    return pages
