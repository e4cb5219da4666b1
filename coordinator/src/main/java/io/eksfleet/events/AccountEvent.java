package io.eksfleet.events;

/** What an account event says, once read. */
public sealed interface AccountEvent {

    /** Where it came from: {@code aws.organizations}, {@code aws.controltower} or {@code eksfleet}. */
    String source();

    /** A new account, ready: scan it. */
    record Created(String source, String accountId, String accountName) implements AccountEvent {
    }

    /** An account creation that did not succeed (yet): nothing to scan. */
    record NotSucceeded(String source, String state, String accountName, String reason) implements AccountEvent {
    }

    /** Not an event eksfleet reads; {@code reason} says which part is missing or wrong. */
    record Unreadable(String source, String reason) implements AccountEvent {
    }
}
