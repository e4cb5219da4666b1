package io.eksfleet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import picocli.CommandLine;

/** A long-running role ({@code worker}, {@code coordinator}) run on a thread of the test JVM, as its command line runs it. */
final class RunningRole implements AutoCloseable {

    private final Runnable stop;
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    /**
     * @param ready a line the role prints (on stdout or stderr) once it takes work
     */
    RunningRole(Object command, Runnable stop, String ready, String... args) {
        this.stop = stop;
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(err, true));
        thread = new Thread(() -> exit.set(cli.execute(args)));
        thread.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> err.toString().contains(ready) || !thread.isAlive());
        if (!thread.isAlive()) {
            throw new IllegalStateException("the role ended before it was ready: " + err);
        }
    }

    /** {@code eksfleet worker} on {@code bootstrap}, with {@code extra} options. */
    static RunningRole worker(String bootstrap, String... extra) {
        io.eksfleet.cli.worker.WorkerCommand command = new io.eksfleet.cli.worker.WorkerCommand();
        return new RunningRole(command, command::stop, "worker(s) on", with(bootstrap, extra));
    }

    /** {@code eksfleet coordinator} on {@code bootstrap}, taking account and cluster events as {@code --assume-role role}. */
    static RunningRole coordinator(String bootstrap, String role, String... extra) {
        io.eksfleet.cli.coordinator.CoordinatorCommand command = new io.eksfleet.cli.coordinator.CoordinatorCommand();
        String[] args = with(bootstrap, extra);
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--assume-role";
        all[args.length + 1] = role;
        return new RunningRole(command, command::stop, "taking scan requests and account events", all);
    }

    private static String[] with(String bootstrap, String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "--bootstrap-servers";
        args[1] = bootstrap;
        System.arraycopy(extra, 0, args, 2, extra.length);
        return args;
    }

    /** What the role printed, stdout and stderr together. */
    String err() {
        return err.toString();
    }

    /** Stops the role and returns its exit code. */
    int stop() throws InterruptedException {
        stop.run();
        thread.join(Duration.ofSeconds(40).toMillis());
        return exit.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }
}
