/**
 * Rate budgets: token buckets keyed the way AWS keys its limits, split across the fleet, adjusted by AIMD on
 * throttling.
 */
package io.eksfleet.budget;
