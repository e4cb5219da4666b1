/**
 * Options that several commands share (Kafka, hub mode, regions, output files, management endpoint,
 * durations), each a picocli mixin checked in one place.
 */
package io.eksfleet.cli.options;
