#!/usr/bin/env python3
"""Seal and seal-to-next-build gap percentiles from a sequencer log.

Reads the "L2 block #N ... seal=X ms gap=Y ms (startBuild Z ms) [prepared]" lines the sequencer logs per block
(stdin or the files given) and prints count, p50, p90, p99 and max of each figure, and the seal split
by whether it wrote the commit prepared while the build job idled. Blocks without a gap (the
first after a start, a reset or a retry) count only for seal.

    python3 bench/latency/gap-stats.py devnet.log [--skip N]

--skip N drops the first N blocks (catch-up and JIT warm-up)."""
import re
import sys

LINE = re.compile(
    r"L2 block #(\d+) .*? seal=([0-9.]+)ms(?: gap=([0-9.]+)ms(?: \(startBuild ([0-9.]+)ms\))?)?"
)


def percentile(sorted_values, p):
    # Nearest-rank percentile: the smallest value with at least p% of the values at or below it.
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def main(argv):
    skip = 0
    files = []
    args = iter(argv)
    for a in args:
        if a == "--skip":
            skip = int(next(args))
        else:
            files.append(a)
    streams = [open(f, encoding="utf-8", errors="replace") for f in files] or [sys.stdin]
    seen = {}
    for s in streams:
        for line in s:
            m = LINE.search(line)
            if m:
                # A block number logged twice (a rebuilt chain after a reset) keeps its last line.
                seen[int(m.group(1))] = (
                    float(m.group(2)), m.group(3), m.group(4), line.rstrip().endswith(" prepared"))
    blocks = sorted(seen)[skip:]
    seal = sorted(seen[b][0] for b in blocks)
    gap = sorted(float(seen[b][1]) for b in blocks if seen[b][1] is not None)
    # The gap less the engine's startBuild (state view, system calls, forced deposits): the time
    # the sequencer itself spends between the seal and the next start.
    idle = sorted(
        float(seen[b][1]) - float(seen[b][2]) for b in blocks if seen[b][2] is not None
    )
    start = sorted(float(seen[b][2]) for b in blocks if seen[b][2] is not None)
    if blocks:
        print(f"blocks #{blocks[0]}..#{blocks[-1]} ({len(blocks)})")
    for name, values in (("seal", seal), ("gap", gap), ("startBuild", start), ("gap-startBuild", idle)):
        if not values:
            print(f"{name}: no samples")
            continue
        print(
            f"{name}: n={len(values)} p50={percentile(values, 50):.3f}ms "
            f"p90={percentile(values, 90):.3f}ms p99={percentile(values, 99):.3f}ms "
            f"max={values[-1]:.3f}ms"
        )
    if blocks:
        prepared = [seen[b][0] for b in blocks if seen[b][3]]
        fresh = [seen[b][0] for b in blocks if not seen[b][3]]
        print(f"seal from the commit prepared while idle: {len(prepared)} of {len(blocks)} blocks")
        for name, values in (("seal, prepared", sorted(prepared)), ("seal, fresh", sorted(fresh))):
            if values:
                print(
                    f"{name}: n={len(values)} p50={percentile(values, 50):.3f}ms "
                    f"p90={percentile(values, 90):.3f}ms p99={percentile(values, 99):.3f}ms "
                    f"max={values[-1]:.3f}ms"
                )
    return 0 if blocks else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
