package io.eksfleet.bench;

import io.eksfleet.devtools.DeveloperCommand;

/** Adds {@code eksfleet bench} to the eksfleet command wherever the benchmarks are on the class path. */
public final class BenchCommands implements DeveloperCommand {

    @Override
    public Class<?> command() {
        return BenchCommand.class;
    }
}
