/**
 * The {@code eksfleet} command: one executable whose subcommands are every role, for a laptop and a fleet
 * alike.
 */
package io.eksfleet.cli;
