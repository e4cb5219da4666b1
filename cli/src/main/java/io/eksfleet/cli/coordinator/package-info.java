/**
 * {@code eksfleet coordinator}: the long-running coordinator service with its management endpoint.
 */
package io.eksfleet.cli.coordinator;
