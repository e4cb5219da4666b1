package io.eksfleet.budget;

/**
 * One rate budget: a token bucket whose rate adapts (additive increase, multiplicative decrease). A
 * caller reserves a token and learns how long to wait for it, so nobody spins or parks a thread: the
 * wait is scheduled. A throttling answer cuts the rate (at most once per {@link BudgetConfig#decreaseEvery()}
 * window, so one burst of throttles counts once); every call that goes through adds a little back,
 * up to the configured rate.
 */
public final class Budget {

    private final double ceiling;
    private final double floor;
    private final double burst;
    private final BudgetConfig config;
    private double rate;
    private double tokens;
    private long lastNanos;
    private long lastDecreaseNanos;
    private long throttles;
    private double lowest;

    Budget(double ratePerSecond, double burst, BudgetConfig config, long nowNanos) {
        this(ratePerSecond, burst, config, nowNanos, Math.min(Math.max(1, burst), Math.max(1, ratePerSecond)));
    }

    /**
     * @param initialTokens what the bucket holds at the start: full, or 1 so that the first second runs at the
     *     rate instead of in a burst
     */
    Budget(double ratePerSecond, double burst, BudgetConfig config, long nowNanos, double initialTokens) {
        this.ceiling = ratePerSecond;
        this.floor = ratePerSecond * config.floorFraction();
        this.burst = Math.max(1, burst);
        this.config = config;
        this.rate = ratePerSecond;
        this.lowest = ratePerSecond;
        this.tokens = initialTokens;
        this.lastNanos = nowNanos;
        this.lastDecreaseNanos = nowNanos - config.decreaseEvery().toNanos();
    }

    /** Takes one token; returns how many nanoseconds to wait before using it (0: now). */
    public synchronized long reserve(long nowNanos) {
        refill(nowNanos);
        tokens -= 1;
        if (tokens >= 0) {
            return 0;
        }
        return (long) (-tokens / rate * 1e9);
    }

    public synchronized void onSuccess() {
        rate = Math.min(ceiling, rate + ceiling * config.increaseFraction());
    }

    public synchronized void onThrottle(long nowNanos) {
        throttles++;
        if (nowNanos - lastDecreaseNanos >= config.decreaseEvery().toNanos()) {
            refill(nowNanos);
            rate = Math.max(floor, rate * config.decreaseFactor());
            lowest = Math.min(lowest, rate);
            lastDecreaseNanos = nowNanos;
        }
    }

    /**
     * Whether a new budget would be the same as this one now: at its full rate, its bucket refilled, and no token
     * reserved for {@code idleNanos}; its throttling figures are the only thing it still holds.
     */
    synchronized boolean atRest(long nowNanos, long idleNanos) {
        return rate >= ceiling && nowNanos - lastNanos >= idleNanos && tokens + (nowNanos - lastNanos) / 1e9 * rate >= burst;
    }

    public synchronized double lowestRate() {
        return lowest;
    }

    public synchronized long throttles() {
        return throttles;
    }

    private void refill(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * rate);
            lastNanos = nowNanos;
        }
    }
}
