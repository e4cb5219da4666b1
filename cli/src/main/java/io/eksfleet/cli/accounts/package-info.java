/**
 * {@code eksfleet accounts}: the accounts and roles a login sees, as scan would select them.
 */
package io.eksfleet.cli.accounts;
