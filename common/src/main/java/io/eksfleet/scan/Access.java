package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * How a scan reaches its accounts: an SSO login taking a role, or the hub identity assuming a role. Exactly one of
 * {@code sso} and {@code hub} is set; no secret is part of it. Messages carry its fields flat ({@code roleName},
 * {@code sso}, {@code hub}), as their contracts say, through {@code @JsonUnwrapped}.
 *
 * @param roleName the role taken in each account; null where a scan's role prefixes choose it per account (SSO only)
 * @param sso the SSO login, or null in hub mode
 * @param hub the hub identity that assumes the role, or null in SSO mode
 * @param otherRoles further roles a scan takes in each account besides {@code roleName}, each with kubeconfig entries of
 *     its own (in a request, SSO globs such as {@code Eks*} too; in tasks, the roles an account stage chose)
 */
public record Access(String roleName, SsoSource sso, HubSource hub,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> otherRoles) {

    public Access {
        roleName = SharedStrings.of(roleName);
        otherRoles = otherRoles == null ? List.of() : SharedStrings.of(otherRoles);
    }

    /** One role, or none yet. */
    public Access(String roleName, SsoSource sso, HubSource hub) {
        this(roleName, sso, hub, List.of());
    }

    public static Access viaSso(SsoSource sso, String roleName) {
        return new Access(roleName, sso, null);
    }

    public static Access viaHub(HubSource hub, String roleName) {
        return new Access(roleName, null, hub);
    }

    /** Not named {@code isSso}: Jackson would take that for the {@code sso} property. */
    public boolean usesSso() {
        return sso != null;
    }

    /** Where account-wide calls go: the SSO region, or the hub's STS region. */
    public String homeRegion() {
        return sso != null ? sso.region() : hub.region();
    }

    /** The same way with one role (null: the way alone, whatever the role), and no other. */
    public Access withRole(String role) {
        return new Access(role, sso, hub, List.of());
    }

    /** The same way with {@code role} first and {@code others} besides: each gets kubeconfig entries of its own. */
    public Access withRoles(String role, List<String> others) {
        return new Access(role, sso, hub, others);
    }

    /**
     * Every role asked for, first the one that lists and describes: names, and with an SSO login globs ({@code Eks*})
     * that take every role of the account they match.
     */
    public List<String> roles() {
        List<String> all = new java.util.ArrayList<>();
        if (roleName != null) {
            all.add(roleName);
        }
        all.addAll(otherRoles);
        return all;
    }

    /** Whether the roles are chosen per account from those the SSO login may take, rather than taken as named. */
    public boolean choosesRoles() {
        return usesSso() && (!otherRoles.isEmpty() || roles().stream().anyMatch(r -> r.contains("*")));
    }

    /** The same way to an account, whatever else differs: the login's start URL (or the hub) and the role. */
    public boolean sameWay(Access other) {
        return Objects.equals(roleName, other.roleName) && (sso == null) == (other.sso == null)
                && (sso == null || Objects.equals(sso.startUrl(), other.sso.startUrl()));
    }

    /**
     * What keeps this access from reaching an account, or null: exactly one credential source, complete ({@code sso}
     * with its start URL and region, or {@code hub} with its region), and a role, named or, with an SSO login, chosen
     * by {@code rolePrefixes}.
     */
    public String problem(List<String> rolePrefixes) {
        String missing = sso == null && hub == null ? "sso"
                : sso != null ? StageTask.firstMissing("sso.startUrl", sso.startUrl(), "sso.region", sso.region())
                : StageTask.firstMissing("hub.region", hub.region());
        if (missing != null) {
            return "missing " + missing;
        }
        if (roleName == null && rolePrefixes.isEmpty()) {
            return "missing roleName";
        }
        if (hub != null && roles().stream().anyMatch(r -> r.contains("*"))) {
            return "hub mode assumes roles by name: no globs in roleName or otherRoles";
        }
        return hub != null && roleName == null ? "hub mode assumes one named role: roleName" : null;
    }
}
