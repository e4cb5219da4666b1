/**
 * The coordinator service: one intake per input (requests, reconcile rounds; events in {@code io.eksfleet.events}),
 * each starting scans once; plans scans and publishes their tasks, follows every running scan on the results
 * topic, writes the inventory, and ends scans in one place ({@link io.eksfleet.coordinator.ScanEnding}).
 */
package io.eksfleet.coordinator;
