"""The names editors know wire services and major publishers by, keyed by the host they publish on.

Used where a page does not name itself usefully (Reuters pages call themselves "U.S.", AP's
hosted pages "Hosted", some give only a social-media handle such as "NYTimes"): the host is
then the surest sign of who published it. The table holds the major English-language wires
and publishers and the hosts of the benchmark pages whose own names are unhelpful; anything
else falls back to the page's name or a readable host (`analyzers.ingest.publisher`).
"""

from __future__ import annotations

PUBLISHERS_BY_HOST: dict[str, str] = {
    # wire services
    "apnews.com": "AP",
    "ap.org": "AP",
    "reuters.com": "Reuters",
    "afp.com": "AFP",
    "upi.com": "UPI",
    "bloomberg.com": "Bloomberg",
    # British and Irish
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "thetimes.co.uk": "The Times",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "dailymail.co.uk": "Daily Mail",
    "news.sky.com": "Sky News",
    "irishtimes.com": "The Irish Times",
    # American
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "foxbusiness.com": "Fox Business",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "cnbc.com": "CNBC",
    "npr.org": "NPR",
    "pbs.org": "PBS",
    "politico.com": "Politico",
    "axios.com": "Axios",
    "thehill.com": "The Hill",
    "nypost.com": "New York Post",
    "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker",
    "time.com": "Time",
    "newsweek.com": "Newsweek",
    "vox.com": "Vox",
    # elsewhere in English
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "dw.com": "DW",
    "france24.com": "France 24",
    "rt.com": "RT",
    "sputniknews.com": "Sputnik",
    "scmp.com": "South China Morning Post",
    "abc.net.au": "ABC News",
    "cbc.ca": "CBC News",
    "theglobeandmail.com": "The Globe and Mail",
    "timesofindia.indiatimes.com": "The Times of India",
    "hindustantimes.com": "Hindustan Times",
    "deccanherald.com": "Deccan Herald",
}

KNOWN_NAMES = frozenset(PUBLISHERS_BY_HOST.values())


def known_publisher(host: str | None) -> str | None:
    """The publisher of ``host`` or of a domain it is under ("edition.cnn.com" -> "CNN"), or
    None when the host is not in the table."""
    labels = (host or "").lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):
        name = PUBLISHERS_BY_HOST.get(".".join(labels[start:]))
        if name:
            return name
    return None
