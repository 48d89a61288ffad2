"""Summarizes lines 'LABEL MILLISECONDS' from stdin: mean with a 95% CI and median per label, then
the ratio of the second label to the first. Used by cold-cds.sh and cold-catalog.sh; load.sh
imports ci95 from here."""
import statistics as st
import sys

# Student's t for a two-sided 95% interval, by degrees of freedom 1 to 30 (the Java harnesses' Stats has the same)
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
       2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def ci95(xs):
    """Half-width of a 95% confidence interval of the mean, with Student's t (that of 30 df above 30)."""
    if len(xs) < 2:
        return 0.0
    return T95[min(len(xs) - 1, len(T95)) - 1] * st.stdev(xs) / len(xs) ** 0.5


if __name__ == "__main__":
    d = {}
    for line in sys.stdin:
        k, v = line.split()
        d.setdefault(k, []).append(float(v))
    for k, xs in d.items():
        print(f"{k:16s} {st.mean(xs):6.1f} ms ± {ci95(xs):4.1f} (95% CI), median {st.median(xs):6.1f}, n={len(xs)}")
    first, second = list(d)[:2]
    print(f"ratio {second}/{first} {st.mean(d[second]) / st.mean(d[first]):.2f}")
