package io.eksfleet.cli.presets;

import io.eksfleet.cli.options.FormatOption;
import io.eksfleet.scan.Preset;
import io.eksfleet.topic.Messages;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eksfleet presets}: the values each {@code --preset} stands for, which the options' help calls "the preset's". */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = {"Shows the values of each --preset.", "An option given on the command line or in the config file beats its preset's value."})
public final class PresetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (format.structured()) {
            out.print(format.render(Messages.MAPPER.writeValueAsString(Preset.ALL.stream().map(PresetsCommand::row).toList())));
        } else {
            String line = "%-13s %-16s %-10s %-10s %-10s %-15s %-15s %s%n";
            out.printf(line, "preset", "--max-in-flight", "--sso-rps", "--retries", "--backoff", "--call-timeout", "--task-timeout",
                    "--scan-timeout");
            for (Preset p : Preset.ALL) {
                out.printf(line, p.name(), p.maxInFlight(), rps(p.ssoRps()), p.retries(), text(p.backoff()), text(p.callTimeout()),
                        text(p.taskTimeout()), text(p.scanTimeout()));
            }
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> row(Preset p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("preset", p.name());
        row.put("maxInFlight", p.maxInFlight());
        row.put("ssoRps", p.ssoRps());
        row.put("retries", p.retries());
        row.put("backoff", text(p.backoff()));
        row.put("callTimeout", text(p.callTimeout()));
        row.put("taskTimeout", text(p.taskTimeout()));
        row.put("scanTimeout", text(p.scanTimeout()));
        return row;
    }

    static String rps(double rps) {
        return rps == Math.rint(rps) ? String.valueOf((long) rps) : String.valueOf(rps);
    }

    /** A duration as the options take it: {@code 500ms}, {@code 10s}, {@code 5m}. */
    static String text(Duration d) {
        for (Map.Entry<String, Duration> unit : List.of(Map.entry("h", Duration.ofHours(1)), Map.entry("m", Duration.ofMinutes(1)),
                Map.entry("s", Duration.ofSeconds(1)))) {
            if (!d.isZero() && d.toMillis() % unit.getValue().toMillis() == 0) {
                return d.toMillis() / unit.getValue().toMillis() + unit.getKey();
            }
        }
        return d.toMillis() + "ms";
    }
}
