/**
 * {@code eksfleet worker}, and the workers a command runs in its own process, with their tuning.
 */
package io.eksfleet.cli.worker;
