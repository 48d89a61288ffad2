package ai.fonella.bench;

import java.util.Arrays;

/** The summary statistics the benchmark harnesses print: one definition for all of them. */
public final class Stats {

    /** Student's t for a two-sided 95% interval, by degrees of freedom 1 to 30. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private Stats() {
    }

    /**
     * The mean.
     *
     * @param values at least one value
     * @return their mean
     */
    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    /**
     * The median: the middle value, or the mean of the two middle ones.
     *
     * @param values at least one value
     * @return their median
     */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The half-width of a 95% confidence interval of the mean, with Student's t (above 30 degrees of
     * freedom, that of 30, which overstates the interval by at most 2%).
     *
     * @param values the sample
     * @return the half-width; 0 for fewer than two values
     */
    public static double ci95(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double m = mean(values);
        double variance = Arrays.stream(values).map(v -> (v - m) * (v - m)).sum() / (n - 1);
        return T95[Math.min(n - 1, T95.length) - 1] * Math.sqrt(variance / n);
    }
}
