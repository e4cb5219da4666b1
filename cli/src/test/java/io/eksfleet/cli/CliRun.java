package io.eksfleet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real {@code eksfleet} command line in this JVM, as {@code main} does, and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        CommandLine cli = EksFleet.commandLine(args.length > 0 ? args[0] : null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = EksFleet.execute(cli, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
