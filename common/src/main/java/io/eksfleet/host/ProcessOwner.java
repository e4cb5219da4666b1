package io.eksfleet.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process as eksfleet records it in a file it leaves behind while it works (a lock, a broker directory's
 * record): pid, start time and host, so that a later process can tell whether the one that left the file
 * still runs. A pid alone is not enough, as pids are reused; only a process on this host can be judged.
 */
public record ProcessOwner(long pid, String started, String host) {

    private static final Pattern LINE = Pattern.compile("eksfleet pid=(\\d+) started=(\\S+) host=(\\S+)");

    /** This process. */
    public static ProcessOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessOwner(self.pid(), startOf(self), hostName());
    }

    /** The owner a file's text records, if it records one. */
    public static Optional<ProcessOwner> parse(String text) {
        Matcher m = LINE.matcher(text.trim());
        return m.matches() ? Optional.of(new ProcessOwner(Long.parseLong(m.group(1)), m.group(2), m.group(3))) : Optional.empty();
    }

    /** The owner recorded in the first line of {@code file}, if it is a regular file of a few lines and records one. */
    public static Optional<ProcessOwner> read(Path file) {
        try {
            return UserPath.of(UserPath.Kind.LOCK, file).read().flatMap(text -> parse(text.lines().findFirst().orElse("")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public String line() {
        return "eksfleet pid=" + pid + " started=" + started + " host=" + host;
    }

    /** False only when this host has no process with that pid and start time. */
    public boolean alive() {
        if (!host.equals(hostName())) {
            return true;
        }
        return ProcessHandle.of(pid).map(p -> started.equals("unknown") || started.equals(startOf(p))).orElse(false);
    }

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(s -> s.truncatedTo(ChronoUnit.MILLIS).toString()).orElse("unknown");
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env.trim();
        }
    }
}
