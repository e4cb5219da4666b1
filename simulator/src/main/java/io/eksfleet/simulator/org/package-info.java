/**
 * The simulated organisation: accounts, roles, regions and clusters, generated from a seed or read from a
 * file.
 */
package io.eksfleet.simulator.org;
