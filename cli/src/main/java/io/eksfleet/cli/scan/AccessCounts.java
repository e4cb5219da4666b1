package io.eksfleet.cli.scan;

import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.KubernetesAccess;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clusters a kubeconfig could name, counted once per role of the scan by what their access entries say of it,
 * and those without access counted by reason ({@code no access entry for ReadOnly}). Roles nobody looked up are not
 * counted.
 */
record AccessCounts(Map<String, Long> byAnswer, Map<String, Long> deniedBy) {

    static AccessCounts of(Collection<ClusterRecord> clusters) {
        Map<String, Long> byAnswer = new TreeMap<>();
        Map<String, Long> deniedBy = new TreeMap<>();
        clusters.stream().flatMap(c -> c.perRole().stream()).filter(c -> c.reachable() && c.kubernetesAccess() != null).forEach(c -> {
            KubernetesAccess access = c.kubernetesAccess();
            byAnswer.merge(access.answer().wire(), 1L, Long::sum);
            if (access.denied()) {
                deniedBy.merge(access.why() == null ? "no access entry" : access.why(), 1L, Long::sum);
            }
        });
        return new AccessCounts(byAnswer, deniedBy);
    }

    boolean looked() {
        return !byAnswer.isEmpty();
    }

    /** {@code 12 yes, 7 no, 30 unknown}, in that order. */
    String answers() {
        StringBuilder s = new StringBuilder();
        for (KubernetesAccess.Answer answer : KubernetesAccess.Answer.values()) {
            long n = byAnswer.getOrDefault(answer.wire(), 0L);
            s.append(s.isEmpty() ? "" : ", ").append(n).append(' ').append(answer.wire());
        }
        return s.toString();
    }
}
