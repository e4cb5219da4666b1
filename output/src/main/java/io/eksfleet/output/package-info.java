/**
 * What a scan leaves on disk: the kubeconfig, merged under kubectl's lock without touching a person's own
 * entries, and the AWS profiles its entries use.
 */
package io.eksfleet.output;
