package io.eksfleet.scan;

/**
 * Where a worker gets SSO credentials from: the IAM Identity Center instance and the name under which the
 * token cache holds its token. Never the token itself: no secret travels on Kafka.
 *
 * @param sessionName the sso-session name the token cache file is keyed by (its SHA-1), or null for a
 *     legacy login keyed by the start URL
 */
public record SsoSource(String startUrl, String region, String sessionName) {

    /** The string whose SHA-1 names the token cache file, as the AWS CLI and SDKs compute it. */
    public String cacheKey() {
        return sessionName != null ? sessionName : startUrl;
    }
}
