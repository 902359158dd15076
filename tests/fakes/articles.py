"""Article pages and texts for tests, written for them (nothing copied from ../shared)."""

from __future__ import annotations

from html import escape

STORY_TITLE = "Port Alder approves flood plan after long dispute"
STORY_PARAGRAPHS = (
    "The city council of Port Alder on Tuesday approved Mayor Ana Ruiz's flood defence plan, "
    "ending a dispute that had stalled the project since spring.",
    "Ruiz called the vote a promise kept to every family that was flooded out last winter. "
    "Council member Tom Okafor, who had led the opposition, said the final version was much "
    "improved and voted in favour.",
    "The Harbour Business Association criticised the decision, saying construction would "
    "block deliveries for two years. Its chair, Greta Lind, accused the mayor of ignoring "
    "small firms.",
)
STORY_TEXT = "\n".join(STORY_PARAGRAPHS)


def news_page(
    title: str = STORY_TITLE,
    paragraphs: tuple[str, ...] = STORY_PARAGRAPHS,
    *,
    canonical: str | None = None,
    lang: str = "en",
    site: str = "The Alder Gazette",
) -> str:
    """A news page with the chrome a real one has around the article: nav, share bar, footer."""
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(title)} | {escape(site)}</title>{link}
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:title" content="{escape(title)}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1><div class="byline">By Kim Reporter</div>{body}</article>
<aside>Share this article: Facebook Twitter Email</aside>
<footer>Copyright 2026 {escape(site)}. All rights reserved.</footer></body></html>"""
