/**
 * {@code eksfleet scan}: checks the inputs, runs or submits the scan, follows its events, writes the outputs,
 * reports.
 */
package io.eksfleet.cli.scan;
