"""Storage: the one module that imports redis, and what newsbot keeps in it."""
