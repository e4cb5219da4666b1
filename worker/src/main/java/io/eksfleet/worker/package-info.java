/**
 * The worker: the accounts, regions and clusters stages, their consumers and commit rule, retries and dead
 * letters.
 */
package io.eksfleet.worker;
