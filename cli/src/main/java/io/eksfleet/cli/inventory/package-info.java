/**
 * {@code eksfleet inventory}: the clusters of {@code eksfleet.clusters}, filtered, for people and spreadsheets.
 */
package io.eksfleet.cli.inventory;
