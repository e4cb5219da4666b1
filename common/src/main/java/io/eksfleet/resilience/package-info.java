/**
 * Which failures are worth another try, and eksfleet's one retry policy on Resilience4j.
 */
package io.eksfleet.resilience;
