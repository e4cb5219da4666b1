/**
 * The benchmark ({@code eksfleet bench}): scenarios, the contenders run in processes of their own (the
 * classic worker pools and eksfleet), and the bound each measured time is set against.
 */
package io.eksfleet.bench;
