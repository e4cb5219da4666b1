package io.eksfleet.devtools;

import java.util.List;
import java.util.ServiceLoader;

/**
 * A subcommand a developer tool (the simulator, the benchmarks) adds to the {@code eksfleet} command when its jar
 * is on the class path, as in a checkout's {@code ./eksfleet}. The product's class path and image hold none, so
 * the product depends on no tool and a tool depends only on what it plugs into.
 */
public interface DeveloperCommand {

    /** The picocli command class ({@code @Command}) of the subcommand. */
    Class<?> command();

    /** The developer commands on the class path. */
    static List<Class<?>> onClassPath() {
        return ServiceLoader.load(DeveloperCommand.class).stream().<Class<?>>map(p -> p.get().command()).toList();
    }
}
