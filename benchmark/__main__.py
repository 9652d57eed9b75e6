"""``python -m benchmark``: run the benchmark (see the package's docstring)."""

import sys

from benchmark.cli import main

if __name__ == "__main__":
    sys.exit(main())
