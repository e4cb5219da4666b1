package io.eksfleet.simulator;

import io.eksfleet.simulator.org.AccessEntry;
import io.eksfleet.simulator.org.AccessPolicy;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.Partition;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * EKS ListAccessEntries, DescribeAccessEntry and ListAssociatedAccessPolicies for one cluster, in the shapes of
 * the EKS API reference (https://docs.aws.amazon.com/eks/latest/APIReference/API_ListAccessEntries.html and the
 * pages beside it): pages of at most 100 (the default) with opaque {@code nextToken}s, timestamps as epoch
 * seconds. A {@code CONFIG_MAP} cluster answers 400 {@code InvalidRequestException}, a principal without an
 * entry 404 {@code ResourceNotFoundException}, as EKS does.
 */
final class AccessEntriesApi {

    private final Partition partition;
    private final Account account;
    private final Cluster cluster;

    AccessEntriesApi(Partition partition, Account account, Cluster cluster) {
        this.partition = partition;
        this.account = account;
        this.cluster = cluster;
    }

    Reply answer(EksRoute route, Request request) {
        if (!cluster.authenticationMode().usesAccessEntries()) {
            throw ApiError.restJson(400, "InvalidRequestException",
                    "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.",
                    Outcome.ERROR);
        }
        if (route.api() == Api.EKS_LIST_ACCESS_ENTRIES) {
            return listAccessEntries(request);
        }
        AccessEntry entry = cluster.accessEntry(route.principalArn()).orElseThrow(() -> ApiError.restJson(404,
                "ResourceNotFoundException", "The specified principalArn could not be found. You can view your available access"
                        + " entries with 'list-access-entries'.", Outcome.ERROR));
        return route.api() == Api.EKS_DESCRIBE_ACCESS_ENTRY
                ? json(Map.of("accessEntry", describe(entry)))
                : listAssociatedAccessPolicies(request, entry);
    }

    private Reply listAccessEntries(Request request) {
        String policyArn = request.query("associatedPolicyArn");
        List<String> principals = cluster.accessEntries().stream()
                .filter(e -> policyArn == null || e.policies().stream().anyMatch(p -> p.policyArn(partition).equals(policyArn)))
                .map(AccessEntry::principalArn)
                .toList();
        Pages.Page<String> page = page(request, principals, "access-entries");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessEntries", page.items());
        putToken(body, page);
        return json(body);
    }

    private Reply listAssociatedAccessPolicies(Request request, AccessEntry entry) {
        Pages.Page<AccessPolicy> page = page(request, entry.policies(), "access-policies/" + entry.principalArn());
        Instant at = createdAt(entry);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clusterName", cluster.name());
        body.put("principalArn", entry.principalArn());
        putToken(body, page);
        body.put("associatedAccessPolicies", page.items().stream().map(p -> {
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("type", p.scopeType());
            scope.put("namespaces", p.namespaces());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("policyArn", p.policyArn(partition));
            out.put("accessScope", scope);
            out.put("associatedAt", epoch(at));
            out.put("modifiedAt", epoch(at));
            return out;
        }).toList());
        return json(body);
    }

    private Map<String, Object> describe(AccessEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clusterName", cluster.name());
        out.put("principalArn", entry.principalArn());
        out.put("kubernetesGroups", entry.kubernetesGroups());
        out.put("accessEntryArn", accessEntryArn(entry));
        out.put("createdAt", epoch(createdAt(entry)));
        out.put("modifiedAt", epoch(createdAt(entry)));
        out.put("tags", Map.of());
        out.put("username", entry.effectiveUsername());
        out.put("type", entry.type());
        return out;
    }

    /**
     * {@code arn:PARTITION:eks:REGION:ACCOUNT:access-entry/CLUSTER/role/PRINCIPAL_ACCOUNT/NAME/ID}, the id fixed for
     * the same cluster and principal.
     */
    private String accessEntryArn(AccessEntry entry) {
        String[] arn = entry.principalArn().split(":", 6);
        String resource = arn.length == 6 ? arn[5] : entry.principalArn();
        String kind = resource.startsWith("user/") ? "user" : "role";
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        UUID id = UUID.nameUUIDFromBytes((cluster.name() + "|" + entry.principalArn()).getBytes(StandardCharsets.UTF_8));
        return partition.arn("eks", cluster.region(), account.id(), "access-entry/" + cluster.name() + "/" + kind + "/"
                + (arn.length == 6 ? arn[4] : account.id()) + "/" + name + "/" + id);
    }

    private Instant createdAt(AccessEntry entry) {
        return entry.createdAt() != null ? entry.createdAt() : cluster.createdAt() != null ? cluster.createdAt() : Instant.EPOCH;
    }

    private <T> Pages.Page<T> page(Request request, List<T> all, String list) {
        Integer size = Pages.size(request.query("maxResults"), 100, 100);
        if (size == null) {
            throw ApiError.restJson(400, "InvalidParameterException", "maxResults must be between 1 and 100", Outcome.ERROR);
        }
        Pages.Page<T> page = Pages.page(all, "eks/" + account.id() + "/" + cluster.region() + "/" + cluster.name() + "/" + list, request.query("nextToken"), size);
        if (page == null) {
            throw ApiError.restJson(400, "InvalidParameterException", "The nextToken is invalid", Outcome.ERROR);
        }
        return page;
    }

    private static void putToken(Map<String, Object> body, Pages.Page<?> page) {
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
    }

    /** Epoch seconds with milliseconds, as EKS sends timestamps. */
    private static BigDecimal epoch(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3);
    }

    private static Reply json(Map<String, Object> body) {
        return Reply.json(Json.write(body));
    }
}
