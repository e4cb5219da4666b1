package io.eksfleet.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pagination with opaque tokens. A token names the list it belongs to, so one taken from another list or
 * made up is refused; the last page carries no token, so every SDK's paginator stops.
 */
final class Pages {

    record Page<T>(List<T> items, String nextToken) {
    }

    private Pages() {
    }

    /** Null when {@code token} is not a token of {@code listId}. */
    static <T> Page<T> page(List<T> all, String listId, String token, int size) {
        int offset = 0;
        if (token != null && !token.isEmpty()) {
            offset = decode(listId, token);
            if (offset < 0 || offset > all.size()) {
                return null;
            }
        }
        int end = Math.min(all.size(), offset + size);
        String next = end < all.size() ? encode(listId, end) : null;
        return new Page<>(all.subList(offset, end), next);
    }

    private static String encode(String listId, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((listId + "|" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String listId, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            if (bar < 0 || !text.substring(0, bar).equals(listId)) {
                return -1;
            }
            return Integer.parseInt(text.substring(bar + 1));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** A page size from a query parameter: {@code fallback} when absent, null when outside 1..max or not a number. */
    static Integer size(String raw, int fallback, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            return n >= 1 && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
