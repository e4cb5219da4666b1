/**
 * The AWS SDK clients eksfleet uses, built once per process, and where a user's AWS and Kubernetes files are.
 */
package io.eksfleet.aws;
