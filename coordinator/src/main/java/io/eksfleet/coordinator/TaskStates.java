package io.eksfleet.coordinator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scan knows of each of its task keys ({@link io.eksfleet.scan.Stage#taskKey}): planned, closed, and for a
 * region, listed completely. An organisation of 10,000 accounts x 17 regions has some 180,000 account and region
 * keys, so those are held flat: an index per account, and per account a bit per region (a region table shared by
 * all accounts, of at most 64 regions) in three {@code long}s, about 40 bytes an account where a set of key
 * strings took over 200 bytes a key. Cluster keys, retry keys and anything else are kept as strings, one entry
 * each. Not thread-safe: the tracker holds its lock.
 */
final class TaskStates {

    static final int PLANNED = 1;
    static final int CLOSED = 2;
    /** A region task closed by its complete listing (not by a failure). */
    static final int LISTED = 4;

    private static final String ACCOUNT = "account/";
    private static final String REGION = "region/";

    private final Map<String, Integer> accountIndex = new HashMap<>();
    private final List<String> regions = new ArrayList<>();
    private byte[] accountStates = new byte[64];
    /** Per account, a bit per region of {@link #regions}: PLANNED, CLOSED, LISTED. */
    private long[][] regionBits = {new long[64], new long[64], new long[64]};
    private final Map<String, Integer> others = new HashMap<>();
    private int listed;

    /** Adds {@code bits} to the key's state; returns the state it had. */
    int add(String key, int bits) {
        if (key.startsWith(ACCOUNT)) {
            int a = account(key.substring(ACCOUNT.length()));
            int before = accountStates[a];
            accountStates[a] = (byte) (before | bits);
            return before;
        }
        int slash = key.indexOf('/', REGION.length());
        int region = key.startsWith(REGION) && slash > 0 ? region(key.substring(slash + 1)) : -1;
        if (region < 0) {
            int before = others.getOrDefault(key, 0);
            if (bits != 0) {
                others.put(key, before | bits);
            }
            countListed(before, bits);
            return before;
        }
        int a = account(key.substring(REGION.length(), slash));
        long bit = 1L << region;
        int before = 0;
        for (int i = 0; i < 3; i++) {
            if ((regionBits[i][a] & bit) != 0) {
                before |= 1 << i;
            }
            if ((bits & (1 << i)) != 0) {
                regionBits[i][a] |= bit;
            }
        }
        countListed(before, bits);
        return before;
    }

    private void countListed(int before, int bits) {
        if ((bits & LISTED) != 0 && (before & LISTED) == 0) {
            listed++;
        }
    }

    /** The account/region pairs listed completely so far, as a copy. */
    ListedRegions listed() {
        long[] bits = Arrays.copyOf(regionBits[2], accountIndex.size());
        Map<String, Integer> index = Map.copyOf(accountIndex);
        List<String> names = List.copyOf(regions);
        Set<String> other = new HashSet<>();
        others.forEach((key, state) -> {
            if ((state & LISTED) != 0) {
                other.add(key);
            }
        });
        int count = listed;
        return new ListedRegions() {
            @Override
            public boolean contains(String accountId, String region) {
                Integer a = index.get(accountId);
                int r = names.indexOf(region);
                return a != null && r >= 0 ? (bits[a] & 1L << r) != 0 : other.contains(REGION + accountId + "/" + region);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    private int account(String id) {
        Integer known = accountIndex.get(id);
        if (known != null) {
            return known;
        }
        int a = accountIndex.size();
        accountIndex.put(id, a);
        if (a == accountStates.length) {
            accountStates = Arrays.copyOf(accountStates, a * 2);
            for (int i = 0; i < 3; i++) {
                regionBits[i] = Arrays.copyOf(regionBits[i], a * 2);
            }
        }
        return a;
    }

    /** The region's bit, or -1 past the 64 a {@code long} holds (AWS has fewer regions; a hostile event may name more). */
    private int region(String name) {
        int r = regions.indexOf(name);
        if (r < 0 && regions.size() < Long.SIZE) {
            regions.add(name);
            r = regions.size() - 1;
        }
        return r;
    }
}
