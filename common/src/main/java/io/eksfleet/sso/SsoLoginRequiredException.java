package io.eksfleet.sso;

/** No usable SSO login: the message says which command fixes it. */
public class SsoLoginRequiredException extends RuntimeException {
    public SsoLoginRequiredException(String message) {
        super(message);
    }
}
