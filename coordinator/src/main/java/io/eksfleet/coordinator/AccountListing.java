package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.SsoSource;
import java.util.List;

/** The accounts a plan chooses from, a page at a time as they are listed; {@link AccountDirectory} lists them on AWS. */
interface AccountListing {

    /** Takes one page of a listing, before the next page is asked for. */
    interface Pages {
        void page(List<AccountRef> accounts) throws InterruptedException;
    }

    /** Every account the SSO login sees. */
    void ssoAccounts(SsoSource sso, Pages pages) throws InterruptedException;

    /** Every ACTIVE account of the organisation, asked in the partition's home region (where AWS Organizations answers). */
    void organizationAccounts(io.eksfleet.scan.Partition partition, Pages pages) throws InterruptedException;
}
