/**
 * The coordinator's event sources, together ({@link io.eksfleet.events.EventSources}): account-creation events
 * (AWS Organizations, Control Tower, minimal) from {@code eksfleet.account-events}, each becoming one scan, and EKS
 * cluster events from {@code eksfleet.cluster-events}, each becoming a look at its account and region, followed
 * by more while a cluster there is still changing.
 */
package io.eksfleet.events;
