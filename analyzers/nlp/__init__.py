"""Understanding the article: the spaCy components, names, stance, kind, the record's making."""
