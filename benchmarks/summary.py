"""Summarizes lines 'LABEL MILLISECONDS' from stdin: mean with a 95% CI and median per label, then
the ratio of the second label to the first. Used by cold-cds.sh and cold-catalog.sh."""
import statistics as st
import sys

d = {}
for line in sys.stdin:
    k, v = line.split()
    d.setdefault(k, []).append(float(v))
for k, xs in d.items():
    print(f"{k:16s} {st.mean(xs):6.1f} ms ± {1.96 * st.stdev(xs) / len(xs) ** 0.5:4.1f} (95% CI), median {st.median(xs):6.1f}, n={len(xs)}")
first, second = list(d)[:2]
print(f"ratio {second}/{first} {st.mean(d[second]) / st.mean(d[first]):.2f}")
