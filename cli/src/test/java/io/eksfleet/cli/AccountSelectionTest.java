package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;

/**
 * Accounts chosen by id, name and glob, minus exclusions, the same in {@code eksfleet accounts} and
 * {@code eksfleet scan}; profiles named by {@code --profile-template}. Real broker, real SDK, the simulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountSelectionTest {

    static final Organization ORG = OrgGenerator.generate(10, 1, 40, 77);
    static final String SESSION = "corp";

    @RegisterExtension
    final ScanFixture fixture = ScanFixture.loggedIn(ORG, SESSION);

    @TempDir
    Path dir;

    /** A glob on the first account's name (in another case), the second account by id, the first excluded by id. */
    record Choice(String glob, Account byId, Account excluded, Set<String> expectedIds) {
    }

    static Choice choice() {
        Account first = ORG.accounts().get(0);
        Account second = ORG.accounts().get(1);
        String prefix = first.name().substring(0, 2);
        Set<String> expected = ORG.accounts().stream()
                .filter(a -> a.name().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)) || a.id().equals(second.id()))
                .map(Account::id).filter(id -> !id.equals(first.id())).collect(Collectors.toSet());
        return new Choice(prefix.toUpperCase(Locale.ROOT) + "*", second, first, expected);
    }

    List<String> login() {
        return List.of("--sso-start-url", ORG.ssoStartUrl(), "--sso-region", ORG.ssoRegion(), "--sso-session", SESSION,
                "--sso-cache", fixture.cache.toString());
    }

    @Test
    void accountsListsTheSelectedAccountsWithTheirRoles() throws Exception {
        Choice c = choice();
        CliRun run = CliRun.of(concat(List.of("accounts"), login(), List.of("--accounts", c.glob() + "," + c.byId().id(),
                "--exclude-accounts", c.excluded().id(), "--output", "json")));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Map<String, Object>> rows = Messages.MAPPER.readValue(run.out(), new TypeReference<List<Map<String, Object>>>() { });
        assertThat(rows).extracting(r -> (String) r.get("id")).containsExactlyInAnyOrderElementsOf(c.expectedIds());
        for (Map<String, Object> row : rows) {
            Account account = ORG.accounts().stream().filter(a -> a.id().equals(row.get("id"))).findFirst().orElseThrow();
            assertThat(row.get("name")).isEqualTo(account.name());
            assertThat(row.get("roles")).isEqualTo(account.roles().stream().sorted().toList());
        }

        CliRun table = CliRun.of(concat(List.of("accounts"), login(), List.of("--accounts", c.byId().name())));
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().toList()).hasSize(2);
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ACCOUNT").contains("NAME", "ROLES");
        assertThat(table.out()).contains(c.byId().id() + "  " + c.byId().name());

        CliRun none = CliRun.of(concat(List.of("accounts"), login(), List.of("--accounts", "no-such-team-*")));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("eksfleet accounts: 'no-such-team-*' matches no account the login sees");
    }

    @Test
    void scanCoversTheSelectedAccountsOnlyAndNamesProfilesByTheTemplate() throws Exception {
        Choice c = choice();
        Path kubeconfig = dir.resolve("kubeconfig");
        Path awsConfig = dir.resolve("aws-config");
        CliRun scan = fixture.scan(ORG, SESSION, kubeconfig, awsConfig, "--accounts", c.glob() + "," + c.byId().id() + ",nothing-like-this",
                "--exclude-accounts", c.excluded().id(), "--profile-template", "{accountId}-{role}", "--output", "json");

        assertThat(scan.exitCode()).as("one name matched nothing: done with failures").isEqualTo(2);
        Map<String, Object> report = Messages.MAPPER.readValue(scan.out(), new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> accounts = (Map<String, Object>) report.get("accounts");
        assertThat(accounts.get("planned")).isEqualTo(c.expectedIds().size());
        assertThat(accounts.get("notVisible")).isEqualTo(List.of("nothing-like-this"));

        Set<String> withClusters = ScanFixture.connectable(ORG).stream().map(oc -> oc.account().id())
                .filter(c.expectedIds()::contains).collect(Collectors.toSet());
        assertThat(withClusters).as("the seed gives the selection clusters").isNotEmpty();
        String config = Files.readString(awsConfig);
        Set<String> profiles = config.lines().filter(l -> l.startsWith("[profile ")).map(l -> l.substring(9, l.length() - 1))
                .collect(Collectors.toSet());
        assertThat(profiles).isEqualTo(withClusters.stream().map(id -> id + "-ReadOnly").collect(Collectors.toSet()));
        Map<String, Object> kube = ScanEndToEndTest.yaml(kubeconfig);
        Set<String> contextAccounts = ScanEndToEndTest.names(kube, "contexts").stream().map(n -> n.substring(0, n.indexOf('/')))
                .collect(Collectors.toSet());
        assertThat(contextAccounts).isEqualTo(ORG.accounts().stream().filter(a -> withClusters.contains(a.id())).map(Account::name)
                .collect(Collectors.toSet()));
        assertThat(Files.readString(kubeconfig)).contains("value: " + withClusters.iterator().next() + "-ReadOnly");
    }

    @Test
    void aRoleTheLoginMayNotTakeIsOneGroupedLineThatSaysWhereToLook() {
        List<String> args = fixture.scanArgs(ORG, SESSION, dir.resolve("denied-kubeconfig"), dir.resolve("denied-aws"));
        args.set(args.indexOf("ReadOnly"), "NoSuchRole");
        CliRun scan = CliRun.of(args.toArray(String[]::new));

        assertThat(scan.exitCode()).isEqualTo(2);
        assertThat(scan.out().lines().filter(l -> l.contains("ForbiddenException"))).containsExactly(
                "  failed    accounts/ForbiddenException: 10",
                "    accounts, 10 tasks: ForbiddenException No access: the login may not take role NoSuchRole in these accounts"
                        + " (eksfleet accounts lists the roles it may take) (" + String.join(", ", ORG.accounts().stream().map(Account::id)
                        .sorted().limit(3).toList()) + " and 7 more)");
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderOrAnEmptySelectionIsRefusedInOneLine() {
        Path kubeconfig = dir.resolve("refused-kubeconfig");
        CliRun region = fixture.scan(ORG, SESSION, kubeconfig, dir.resolve("refused-aws"), "--profile-template", "{accountName}.{region}");
        assertThat(region.exitCode()).isEqualTo(1);
        assertThat(region.err().lines()).hasSize(1);
        assertThat(region.err()).contains("unknown placeholder {region} in profile template", "use {accountName}, {accountId}, {role}");

        CliRun empty = fixture.scan(ORG, SESSION, kubeconfig, dir.resolve("refused-aws"), "--exclude-accounts", "a,,b");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("--exclude-accounts has an empty entry");
        assertThat(kubeconfig).doesNotExist();
    }

    static String[] concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toArray(String[]::new);
    }
}
