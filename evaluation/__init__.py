"""How well the analysis does, measured on labelled data: not part of the analysis itself.

Shared by the `newsbot eval-stance` command, the benchmarks and the training script, so that
all three report the same figures; the runtime package `analyzers` never imports it.
"""
