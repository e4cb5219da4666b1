package io.eksfleet.simulator;

import java.security.SecureRandom;

/** Random identifiers and secrets in the alphabets AWS uses for them. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private Secrets() {
    }

    /** A temporary access key id: {@code ASIA} and 16 characters. */
    static String accessKeyId() {
        return "ASIA" + draw(UPPER_ALNUM, 16);
    }

    static String secretAccessKey() {
        return draw(SECRET, 40);
    }

    static String sessionToken() {
        return "IQoJb3JpZ2luX2VjE" + draw(SECRET, 180);
    }

    /** An opaque bearer token, refresh token, client id or device code. */
    static String opaque(String prefix, int length) {
        return prefix + draw(URL_SAFE, length);
    }

    static String upper(int length) {
        return draw(UPPER_ALNUM, length);
    }

    private static String draw(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
