/**
 * {@code eksfleet login}: the IAM Identity Center device login, cached as the AWS CLI caches it.
 */
package io.eksfleet.cli.login;
