/**
 * The coordinator service: plans scans, publishes their tasks, follows every running scan on the results
 * topic and ends it, writes the inventory.
 */
package io.eksfleet.coordinator;
