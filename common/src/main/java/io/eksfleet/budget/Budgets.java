package io.eksfleet.budget;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budgets of one worker: one {@link Budget} per key, created on first use. A budget the whole fleet
 * spends from ({@link Family#fleetWide()}) runs at this worker's share of the fleet's rate; the share
 * follows the share of stage partitions the worker owns, so as workers join and leave the fleet's total
 * stays at the configured budget: such a budget is split, not copied. Per-account budgets run at the full
 * rate: one worker makes an account's calls.
 */
public final class Budgets {

    /**
     * A key at rest this long is dropped (and made afresh when its account and region are called again): EKS and EC2
     * keep a budget per account and region, 180,000 keys for 10,000 accounts in 17 regions, most of them used for
     * a few calls a scan. Far longer than a call and its retries hold their budget.
     */
    static final Duration IDLE = Duration.ofSeconds(60);

    private final BudgetConfig config;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    /** The throttling figures of the keys dropped at rest, by family, so that a snapshot still counts them. */
    private final Map<Family, BudgetSnapshot> rested = new ConcurrentHashMap<>();
    private volatile long nextSweepNanos = System.nanoTime() + IDLE.toNanos();
    private volatile double share = 1.0;

    public Budgets(BudgetConfig config) {
        this.config = config;
    }

    /** This worker's fraction of the fleet's budgets, 0 to 1; existing budgets start over at the new share. */
    public void share(double fraction) {
        double clamped = Math.max(0.01, Math.min(1.0, fraction));
        if (clamped != share) {
            share = clamped;
            budgets.clear();
        }
    }

    public Budget budget(Family family, String account, String region) {
        long now = System.nanoTime();
        if (now - nextSweepNanos >= 0) {
            sweep(now);
        }
        return budgets.computeIfAbsent(family.key(account, region), k -> {
            double rate = rate(family);
            return new Budget(rate, Math.max(1, rate), config, System.nanoTime(), initialTokens(family, rate));
        });
    }

    /** Drops the budgets at rest for {@link #IDLE}, keeping their throttling figures; one caller at a time does it. */
    void sweep(long nowNanos) {
        synchronized (rested) {
            if (nowNanos - nextSweepNanos < 0) {
                return;
            }
            nextSweepNanos = nowNanos + IDLE.toNanos();
        }
        budgets.forEach((key, budget) -> {
            if (budget.atRest(nowNanos, IDLE.toNanos()) && budgets.remove(key, budget)) {
                Family family = family(key);
                rested.merge(family, snapshot(family, budget), BudgetSnapshot::plus);
            }
        });
    }

    /** How many keys have a budget now. */
    int keys() {
        return budgets.size();
    }

    private static Family family(String key) {
        return Family.valueOf(key.contains("/") ? key.substring(0, key.indexOf('/')) : key);
    }

    private BudgetSnapshot snapshot(Family family, Budget budget) {
        double rate = round(rate(family));
        return new BudgetSnapshot(rate, 1, Math.min(rate, round(budget.lowestRate())), budget.throttles());
    }

    /**
     * A fleet-wide budget of one worker among several starts without its burst: workers starting together (and
     * the coordinator's listing calls just before) would otherwise spend at once the one bucket AWS keeps for
     * all of them. A worker that is the whole fleet may spend half a second's worth at once, which leaves AWS's
     * bucket (a second's worth) room for those listing calls.
     */
    private double initialTokens(Family family, double rate) {
        if (!family.fleetWide()) {
            return Math.max(1, rate);
        }
        return share < 1.0 ? 1 : Math.max(1, rate / 2);
    }

    /** Per family used so far: the configured rate, the lowest rate any key fell to, and the throttling answers. */
    public Map<Family, BudgetSnapshot> snapshot() {
        Map<Family, BudgetSnapshot> out = new EnumMap<>(Family.class);
        out.putAll(rested);
        budgets.forEach((key, budget) -> {
            Family family = family(key);
            out.merge(family, snapshot(family, budget), BudgetSnapshot::plus);
        });
        return out;
    }

    /** The family's snapshot; before its first call, the configured rate and no throttling. */
    public BudgetSnapshot snapshot(Family family) {
        BudgetSnapshot used = snapshot().get(family);
        return used != null ? used : BudgetSnapshot.unused(rate(family));
    }

    /** This worker's rate for one key of the family. */
    public double rate(Family family) {
        return family.fleetWide() ? fleetRate(family) * share : fleetRate(family);
    }

    private double fleetRate(Family family) {
        return switch (family) {
            case SSO -> config.ssoRps();
            case EKS -> config.eksRps();
            case EC2 -> config.ec2Rps();
            case STS -> config.stsRps();
            case ORGANIZATIONS -> config.organizationsRps();
        };
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
