package io.eksfleet.simulator;

import io.eksfleet.devtools.DeveloperCommand;

/** Adds {@code eksfleet simulator} to the eksfleet command wherever the simulator is on the class path. */
public final class SimulatorCommands implements DeveloperCommand {

    @Override
    public Class<?> command() {
        return SimulatorCommand.class;
    }
}
