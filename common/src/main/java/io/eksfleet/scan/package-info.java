/**
 * The message contracts: versioned JSON records of tasks, scan events, requests and the sources accounts are
 * reached through.
 */
package io.eksfleet.scan;
