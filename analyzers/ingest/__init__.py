"""Getting the article: safe fetching, extraction, pasted text, language."""
