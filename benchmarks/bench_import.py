"""The cost of ``import moto_ext`` against ``import moto``, measured side by side.

Each round starts fresh interpreters, alternating which goes first, and reads the cumulative
import time (``python -X importtime``) of ``moto`` alone and of ``moto_ext`` (which imports moto);
the figure is the median over the rounds. No service's botocore model should be parsed, and no IAM
machinery loaded, until a call needs it.

    python benchmarks/bench_import.py [--rounds 15]
"""

import argparse
import re
import statistics
import subprocess
import sys

_CUMULATIVE = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| (\S+)$")


def cumulative_us(module: str) -> int:
    """The cumulative import time of ``module`` in a fresh interpreter, in microseconds."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True
    )
    for line in run.stderr.splitlines():
        match = _CUMULATIVE.match(line)
        if match and match.group(2) == module:
            return int(match.group(1))
    raise RuntimeError(f"no import time for {module}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    times: dict[str, list[int]] = {"moto": [], "moto_ext": []}
    for index in range(args.rounds):
        order = ["moto", "moto_ext"] if index % 2 == 0 else ["moto_ext", "moto"]
        for module in order:
            times[module].append(cumulative_us(module))
    moto, ext = statistics.median(times["moto"]), statistics.median(times["moto_ext"])
    print(f"import moto      {moto / 1000:8.1f} ms (median of {args.rounds})")
    print(f"import moto_ext  {ext / 1000:8.1f} ms")
    print(f"ratio            {ext / moto:8.2f}x  (goal: <= 1.15x)")


if __name__ == "__main__":
    main()
