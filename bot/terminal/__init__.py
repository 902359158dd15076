"""The command line's parts and what it prints to a terminal."""
