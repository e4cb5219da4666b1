/**
 * Account-creation events (AWS Organizations, Control Tower, minimal) read from {@code
 * eksfleet.account-events}, each becoming one scan.
 */
package io.eksfleet.events;
