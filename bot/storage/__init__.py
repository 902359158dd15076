"""Storage: what newsbot asks of a store (`store.Store`), Redis behind it (`redis_store`, the
only module that imports redis), a dictionary behind it for tests (`memory_store`), and what
newsbot keeps there (the analysis cache, the share history, channel state, seen signatures)."""
