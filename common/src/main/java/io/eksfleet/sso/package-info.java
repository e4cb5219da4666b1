/**
 * IAM Identity Center: the SSO token cache the AWS CLI shares, and role credentials fetched once per account
 * and role.
 */
package io.eksfleet.sso;
