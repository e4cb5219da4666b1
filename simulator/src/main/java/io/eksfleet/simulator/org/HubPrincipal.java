package io.eksfleet.simulator.org;

/**
 * The long-lived IAM user in the management account that hub-mode workers start from (their "own
 * identity"). Its keys are fake and only valid against this simulator.
 */
public record HubPrincipal(String userName, String accessKeyId, String secretAccessKey) {
}
