/**
 * The running process as files left on the host record it, so that a later process can tell a stale lock or
 * directory from a live one.
 */
package io.eksfleet.host;
