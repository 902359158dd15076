"""Text from outside made safe for every later step, in one place.

Text reaches newsbot from people and pages: a paste, a Slack message, a fetched page, a file.
Three things in it break later steps, whoever wrote it and however it came:

* **Invalid Unicode.** Slack's JSON can carry lone UTF-16 surrogates (``"\\ud83d"``), which
  Python keeps in a ``str`` but cannot encode, so a hash, a log line or a Redis write fails.
* **Control characters.** NUL makes lxml drop a page; terminal escape sequences
  (``ESC[31m``, ``ESC]0;title BEL``) repaint or retitle the operator's terminal when echoed.
* **Pathological runs.** spaCy's tokenizer peels prefixes and suffixes off a token one at a
  time, so a token made of 20,000 ``!`` (or quotes, brackets, emoji) costs time growing with
  the square of its length: 22 KB of ``!`` took 67 s of CPU.

`clean_text` handles the first two for anything from outside, HTML included, and is also what
the command line applies to everything it prints. `bounded_prose` handles the third for text
about to be tokenised: runs of one punctuation mark or symbol are shortened to `MAX_REPEAT`, and
a "word" (a run without whitespace) longer than `MAX_WORD_CHARS` is cut, which bounds the
tokenizer's cost per word and so makes it linear in the length of the text. Neither changes
ordinary prose: no real word is that long, and no sentence needs more than three ``!``.
"""

from __future__ import annotations

import re

MAX_REPEAT = 3
MAX_WORD_CHARS = 100

_SURROGATE = re.compile("[\ud800-\udfff]")
# ECMA-48 sequences as terminals read them: CSI (colours, cursor moves), OSC (window titles,
# hyperlinks; ended by BEL or ST), DCS/SOS/PM/APC strings, two-character escapes, 8-bit CSI.
# An unterminated string is left to the control-character pass, which drops its ESC.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]{0,512}\x1b\\"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 controls but tab and newline; DEL; bidirectional embeddings, overrides and
# isolates (they reorder what a terminal shows); BOM / zero-width no-break space;
# non-characters.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_REPEATED_MARK = re.compile(rf"([^\w\s]|_)\1{{{MAX_REPEAT},}}")
_LONG_WORD = re.compile(rf"(\S{{{MAX_WORD_CHARS}}})\S+")


def clean_text(text: str) -> str:
    """Valid Unicode (surrogate pairs joined, lone surrogates replaced by U+FFFD), no control
    characters or escape sequences, every line break a plain newline; tabs are kept."""
    if _SURROGATE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    return _INVISIBLE.sub("", text)


def bounded_prose(text: str) -> str:
    """``text`` (already clean) with runs of one mark cut to `MAX_REPEAT` and words cut to
    `MAX_WORD_CHARS` characters, so that tokenising it costs time in proportion to its length."""
    text = _REPEATED_MARK.sub(lambda m: m.group(1) * MAX_REPEAT, text)
    return _LONG_WORD.sub(r"\1", text)
