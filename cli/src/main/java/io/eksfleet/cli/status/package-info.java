/**
 * {@code eksfleet status}: a scan's progress and result, read from its events.
 */
package io.eksfleet.cli.status;
