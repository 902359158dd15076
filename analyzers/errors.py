"""Errors that reach a person: each says, in plain words, what was wrong with the input.

    NewsbotError
     └── InputError            bad input; the message is meant for the user (CLI exit 2)
          ├── InvalidSource     not a URL, file missing or of an unsupported type
          ├── EmptyInput        nothing to analyse
          ├── TooLarge          the page or text exceeds the size cap
          ├── FetchError        the link could not be read
          │    ├── RefusedAddress    private, loopback, link-local... address
          │    ├── Unreachable       DNS failure, connection refused, timeout
          │    ├── HTTPStatusError   the server answered with an error status
          │    ├── UnsupportedContent  not HTML or plain text
          │    └── TooManyRedirects
          ├── NotAnArticle      no article text found
          ├── NotEnglish        the article is in another language
          └── AnalysisTimeout   the analysis ran out of its time budget

Each class carries a short, stable ``code``: the CLI's JSON output and the logs name a
failure by it, so that scripts and log searches need not parse the sentence.
"""

from __future__ import annotations


class NewsbotError(Exception):
    """Base of every error newsbot raises on purpose."""

    code = "error"


class InputError(NewsbotError):
    """The input cannot be analysed; ``str(error)`` is a sentence for the person who sent it."""

    code = "bad_input"


class InvalidSource(InputError):
    code = "invalid_source"


class EmptyInput(InputError):
    code = "empty"


class TooLarge(InputError):
    code = "too_large"


class FetchError(InputError):
    code = "fetch_failed"


class RefusedAddress(FetchError):
    code = "refused"


class Unreachable(FetchError):
    code = "unreachable"


class FetchTimeout(Unreachable):
    code = "timeout"


class HTTPStatusError(FetchError):
    code = "http_status"

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class UnsupportedContent(FetchError):
    code = "unsupported_content"


class TooManyRedirects(FetchError):
    code = "too_many_redirects"


class NotAnArticle(InputError):
    code = "not_an_article"


class AnalysisTimeout(InputError):
    code = "analysis_timeout"


class NotEnglish(InputError):
    code = "not_english"

    def __init__(self, message: str, language: str | None = None) -> None:
        super().__init__(message)
        self.language = language
