package io.eksfleet.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** {@code eksfleet bench contender}: one run of a baseline, in its own process, for {@code bench}. Prints JSON. */
@Command(name = "contender", hidden = true, description = "Runs one baseline contender (used by bench).")
final class ContenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--endpoint", required = true)
    URI endpoint;

    @Option(names = "--sso-region", required = true)
    String ssoRegion;

    @Option(names = "--token-file", required = true)
    Path tokenFile;

    @Option(names = "--role", required = true)
    String role;

    @Override
    public Integer call() throws Exception {
        SeedPool.Result result = new SeedPool(SeedPool.Config.named(name), endpoint)
                .run(ssoRegion, Files.readString(tokenFile).trim(), role);
        spec.commandLine().getOut().println(JsonMapper.builder().build().writeValueAsString(
                Map.of("clusters", result.clusters(), "failedAccounts", result.failedAccounts())));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
