/**
 * The cluster inventory on {@code eksfleet.clusters}: its record, and a reader that hands on every cluster
 * and tombstone.
 */
package io.eksfleet.inventory;
