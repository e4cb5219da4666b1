/**
 * What runs inside the command's process: the embedded Kafka broker and the management endpoint (health,
 * metrics).
 */
package io.eksfleet.cli.runtime;
