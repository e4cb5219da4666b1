package io.eksfleet.cli.scan;

import io.eksfleet.coordinator.ScanTracker;
import io.eksfleet.scan.Stage;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A scan's progress as it runs: on a terminal one bar per stage (percentage, rate, time left) redrawn in place by
 * the progressbar library; anywhere else (a pipe, a log file, a container) a plain line a second that a log
 * keeps whole.
 */
interface ScanProgress extends AutoCloseable {

    /** Shows each stage's planned and done tasks so far. */
    void show(Map<Stage, ScanTracker.StageProgress> progress);

    /** Leaves the last state on screen. */
    @Override
    void close();

    /** Where the progress goes: a log (lines), a terminal (bars), one that shows colour (coloured bars). */
    enum Screen {
        LINES, BARS, COLOURED_BARS;

        static Screen of(boolean terminal, boolean colour) {
            return !terminal ? LINES : colour ? COLOURED_BARS : BARS;
        }
    }

    static ScanProgress of(PrintWriter err, Screen screen) {
        return switch (screen) {
            case LINES -> new Lines(err);
            case BARS -> new Bars(err, ProgressBarStyle.UNICODE_BLOCK);
            case COLOURED_BARS -> new Bars(err, ProgressBarStyle.COLORFUL_UNICODE_BLOCK);
        };
    }

    /** {@code progress: accounts 24/24, regions 84/96, clusters 10/50}, a line each time. */
    final class Lines implements ScanProgress {
        private final PrintWriter err;

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void show(Map<Stage, ScanTracker.StageProgress> progress) {
            if (progress.isEmpty()) {
                return;
            }
            err.println("  progress: " + progress.entrySet().stream()
                    .map(e -> e.getKey().name().toLowerCase() + " " + e.getValue().done() + "/" + e.getValue().planned())
                    .collect(Collectors.joining(", ")));
            err.flush();
        }

        @Override
        public void close() {
        }
    }

    /**
     * A bar per stage on the process's standard error, which is the terminal: the library moves the cursor
     * between its bars, so every bar must be drawn on the same stream.
     */
    final class Bars implements ScanProgress {
        private static final int REDRAW_MILLIS = 200;
        private final PrintWriter err;
        private final ProgressBarStyle style;
        private final Map<Stage, ProgressBar> bars = new EnumMap<>(Stage.class);

        Bars(PrintWriter err, ProgressBarStyle style) {
            this.err = err;
            this.style = style;
        }

        @Override
        public void show(Map<Stage, ScanTracker.StageProgress> progress) {
            if (progress.isEmpty()) {
                return;
            }
            if (bars.isEmpty()) {
                err.flush();
                for (Stage stage : Stage.values()) {
                    bars.put(stage, new ProgressBarBuilder().setTaskName(String.format("%-8s", stage.name().toLowerCase()))
                            .setInitialMax(0).setStyle(style).setUnit(" tasks", 1).showSpeed()
                            .setUpdateIntervalMillis(REDRAW_MILLIS).continuousUpdate()
                            .setConsumer(new InteractiveConsoleProgressBarConsumer(System.err)).build());
                }
            }
            progress.forEach((stage, p) -> bars.get(stage).maxHint(p.planned()).stepTo(p.done()));
        }

        @Override
        public void close() {
            bars.values().forEach(ProgressBar::close);
            System.err.flush();
        }
    }
}
