"""`python -m benchmarks`: the benchmark harness (see benchmarks/run.py)."""

import sys

from benchmarks.run import main

sys.exit(main())
