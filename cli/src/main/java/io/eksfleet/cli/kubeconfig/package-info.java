/**
 * {@code eksfleet kubeconfig sync}: a kubeconfig built from the inventory topic alone, once or following it.
 */
package io.eksfleet.cli.kubeconfig;
