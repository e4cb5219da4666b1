package io.eksfleet.simulator;

import java.util.List;

/**
 * Which EKS operation a request is, from its method and path segments, with the cluster name and principal ARN
 * of its URI labels ({@code GET /clusters/NAME/access-entries/PRINCIPAL_ARN/access-policies}, the ARN
 * URL-encoded as one segment, as the SDKs send it).
 */
record EksRoute(Api api, String clusterName, String principalArn) {

    static EksRoute of(Request request) {
        List<String> s = request.segments();
        boolean get = request.method().equals("GET");
        if (s.size() >= 1 && s.get(0).equals("clusters")) {
            if (s.size() == 1) {
                return new EksRoute(Api.EKS_LIST_CLUSTERS, null, null);
            }
            String name = s.get(1);
            if (s.size() == 2) {
                return new EksRoute(Api.EKS_DESCRIBE_CLUSTER, name, null);
            }
            if (get && s.get(2).equals("access-entries") && !name.isEmpty()) {
                if (s.size() == 3) {
                    return new EksRoute(Api.EKS_LIST_ACCESS_ENTRIES, name, null);
                }
                if (s.size() == 4 && !s.get(3).isEmpty()) {
                    return new EksRoute(Api.EKS_DESCRIBE_ACCESS_ENTRY, name, s.get(3));
                }
                if (s.size() == 5 && !s.get(3).isEmpty() && s.get(4).equals("access-policies")) {
                    return new EksRoute(Api.EKS_LIST_ASSOCIATED_ACCESS_POLICIES, name, s.get(3));
                }
            }
        }
        throw ApiError.restJson(404, "NotFoundException", "Not Found", Outcome.ERROR);
    }
}
