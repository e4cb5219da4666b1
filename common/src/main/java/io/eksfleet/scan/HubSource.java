package io.eksfleet.scan;

/**
 * Where a worker gets hub-mode credentials: its own identity (the SDK's default chain: environment, web
 * identity, instance or container profile) assumes {@code arn:aws:iam::{account}:role/{roleName}}. The
 * external id is not a secret (AWS documents it as a confused-deputy guard, not a password), so it may travel
 * on Kafka.
 *
 * @param externalId passed to every AssumeRole, or null
 * @param region where STS is called and where DescribeRegions asks for the account's regions
 */
public record HubSource(String externalId, String region) {
}
