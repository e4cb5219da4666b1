package io.eksfleet.simulator;

/**
 * One call being answered: the request, and what the service found out about it (operation, account,
 * region) so that the call log and the latency model can attribute it.
 */
final class Call {

    final Request request;
    Api api;
    String account;
    String region;

    Call(Request request) {
        this.request = request;
    }

    void attribute(Api api, String account, String region) {
        this.api = api;
        this.account = account;
        this.region = region;
    }
}
