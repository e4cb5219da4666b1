package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.SsoSource;
import java.util.List;

/** The accounts a plan chooses from; {@link AccountDirectory} lists them on AWS. */
interface AccountListing {

    /** Every account the SSO login sees. */
    List<AccountRef> ssoAccounts(SsoSource sso) throws InterruptedException;

    /** Every ACTIVE account of the organisation. */
    List<AccountRef> organizationAccounts() throws InterruptedException;
}
