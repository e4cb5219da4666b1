/**
 * Kafka: the typed topic registry, the one client factory, the one record reader, topic creation and account
 * partitioning.
 */
package io.eksfleet.topic;
