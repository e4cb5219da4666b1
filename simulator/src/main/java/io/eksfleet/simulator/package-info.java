/**
 * The AWS API simulator: the SSO portal and OIDC, EKS, EC2, STS and Organizations in their wire formats, rate
 * limits and faults, and a Kubernetes API per cluster.
 */
package io.eksfleet.simulator;
