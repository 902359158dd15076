"""Lines that are never article text, however long: captions, credits and the site's notices.

A pasted article brings more than buttons. Photo captions ("President Biden speaks in the Rose
Garden on Tuesday. (AP Photo/Evan Vucci)") and cross-promotion ("READ MORE: Mayor under fire
as fares rise again ...") are full sentences, so the pasted-text rules, which keep anything
that reads like prose, would keep them; their people then count as people in the article.
These patterns name such a line by the convention that marks it, the same across sites:

* captions and credits: "Photo: ...", "Image caption ...", "Photograph: Jane Doe/Reuters" at
  the end of a caption, "(AP Photo/...)", a line that is only an agency credit
  ("AFP via Getty Images", "Jane Doe/Reuters");
* cross-promotion: "READ MORE: ...", "Related: ...", "Also read ...", "WATCH: ...";
* newsletter, subscription and cookie notices, which speak to the reader about the site;
* copyright lines: "© 2024 ...", "Copyright 2024 ...", "All rights reserved".

Article sentences that merely start with such a word ("Photos of the meeting were deleted.",
"Related to this, ...", "Copyright law was reformed.") do not match: every pattern needs the
punctuation or the wording of the convention, not just the word.
"""

from __future__ import annotations

import re

MAX_WORDS = 60  # a notice or a caption; past this, a paragraph that happens to match
_AGENCIES = (
    r"(?:getty images|getty|shutterstock|alamy(?: stock photo| live news)?|reuters|afp|ap|"
    r"associated press|the associated press|epa(?:-efe)?|efe|pa(?: wire| images| media)?|"
    r"bloomberg|xinhua|anadolu(?: agency)?|sipa(?: usa)?|zuma(?: press| wire)?|nurphoto|"
    r"lightrocket|pool|aap|kyodo|yonhap|sputnik|tass|imago|dpa|ansa|abaca|istock(?:photo)?|"
    r"unsplash|wikimedia commons|handout|supplied|file)"
)
_NOTICE = re.compile(
    "|".join(
        (
            # cross-promotion
            r"^(?:read more|read also|also read|see also|related(?: stories| articles)?|more on "
            r"this(?: story)?|watch|listen|recommended|editor'?s picks?|don'?t miss|must read|"
            r"top stories|trending)\s*[:|»›]\s*\S",
            r"^(?:read more|also read|read also|see also)\s*[-–—]\s*\S",
            r"^(?:also read|read also|see also)\b",
            # captions and credits
            r"^(?:image|photo|picture|video)\s+(?:caption|source|copyright|credit)s?\b",
            r"^(?:photo(?:graph)?|image|picture|pic|illustration|caption|credit|video|graphic|"
            r"pictured|file photo|main image|top image)s?\s*[:|]",
            r"(?:^|[.!?]\s+)(?:photo(?:graph)?|image|picture|pic|illustration|credit)s?\s*"
            r"(?::|by\b)"
            r"\s*[^.!?:]{1,80}$",
            rf"^(?:[^/|]{{0,60}}[/|]\s*)?{_AGENCIES}"
            r"(?:\s*(?:/|\bvia\b|\bfor\b)\s*[^/]{1,40})?\s*\)?$",
            # newsletters, subscriptions, cookies
            r"^(?:sign up|subscribe|register)\s+(?:to|for|now|today|here|free)\b",
            r"^(?:thanks?|thank you) for (?:signing up|subscribing|registering)\b",
            r"^already a (?:subscriber|member)\b",
            r"newsletter promotion",
            r"^(?=.*\b(?:newsletters?|inbox|mailing list|email updates)\b)"
            r"(?=.*\b(?:sign(?:ing)?[ -]?up|subscribe|delivered|receive|register|free)\b)"
            r"(?=.*\b(?:our|your|you)\b)",
            r"\b(?:we use cookies|uses cookies|use of cookies|accept (?:all )?cookies|reject "
            r"(?:all )?cookies|manage (?:your )?cookies|cookie (?:policy|settings|preferences|"
            r"consent|notice))\b",
            # copyright
            r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))",
            r"\ball rights reserved\b",
            r"\bmay not be (?:published|reproduced|copied|distributed)\b[^.]*\b(?:broadcast|"
            r"rewritten|redistributed|without (?:prior )?(?:written )?permission)",
        )
    ),
    re.IGNORECASE,
)
# "(AP Photo/Evan Vucci)", "(Photo by Jane Doe/Getty Images)", "(Jane Doe/Reuters)" ending a
# caption; case matters here ("(and/or)" is no credit).
_CREDIT_IN_BRACKETS = re.compile(
    r"\((?:[^()]{0,80}\b(?:Photos?|Images?|PHOTO|IMAGE)\b[^()]{0,80}|[^()]{0,60}[\w.]/\s?[A-Z]"
    r"[^()]{0,60})\)$"
)


def is_boilerplate(line: str) -> bool:
    """Whether ``line`` (one paragraph, whitespace normalised) is a caption, a credit, a
    cross-promotion, a notice about newsletters, subscriptions or cookies, or a copyright."""
    if len(line.split()) > MAX_WORDS:
        return False
    return bool(_NOTICE.search(line) or _CREDIT_IN_BRACKETS.search(line))
