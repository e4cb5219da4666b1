/**
 * {@code eksfleet dead-letters}: lists the dead-lettered tasks and replays them once their cause is fixed.
 */
package io.eksfleet.cli.deadletters;
