"""Metamorphic robustness check: the gold notices scored again after only their form changed.

    .venv/bin/python benchmarks/robustness.py --notices raw ../shared/dev-notices ../shared/dev-notices-2
    .venv/bin/python benchmarks/robustness.py --perturb traditional,html --notices raw

Prints a table, gold set × perturbation (targets F1, indicator codes, deadlines F1, agencies F1, the
seeds' numbered items, metadata all right, notices set aside), a cell marked * where it differs from
the unperturbed text. A measuring script beside the benchmarks rather than a `fyp evaluate` option: it
runs the whole evaluation once per perturbation and needs ../shared; the logic is fyp.evaluate.robustness.
"""

import sys

from fyp.evaluate.robustness import main

if __name__ == "__main__":
    sys.exit(main())
