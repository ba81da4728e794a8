package io.agenthub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads, native ones included (ONNX Runtime's, the JIT's), read from
 * /proc, split by thread name: the encoders' threads and all the others. Linux knows a Java thread by the
 * first 15 characters of its name, which is enough to tell an encoder's. Zeros where /proc is missing.
 */
record ThreadCpu(double encoderSeconds, double otherSeconds, long wallNanos) {

    /** Threads that run encoder passes: each encoder's batch worker ("encoder-<id>", "tokens-<id>") and the pass helpers. */
    static final Predicate<String> ENCODER = name -> name.startsWith("encoder-") || name.startsWith("tokens-");

    /** Clock ticks per second of /proc's utime and stime: USER_HZ, 100 on every Linux build in use. */
    private static final double TICKS_PER_SECOND = 100;

    static ThreadCpu now() {
        long wall = System.nanoTime();
        long encoder = 0;
        long other = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                long ticks = ticks(task);
                if (ENCODER.test(name(task))) {
                    encoder += ticks;
                } else {
                    other += ticks;
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(0, 0, wall);
        }
        return new ThreadCpu(encoder / TICKS_PER_SECOND, other / TICKS_PER_SECOND, wall);
    }

    /** What was spent after {@code earlier} was read. A thread that ended in between takes its time with it. */
    ThreadCpu since(ThreadCpu earlier) {
        return new ThreadCpu(encoderSeconds - earlier.encoderSeconds, otherSeconds - earlier.otherSeconds,
                wallNanos - earlier.wallNanos);
    }

    /** Cores kept busy on average. */
    double cores() {
        return wallNanos <= 0 ? 0 : (encoderSeconds + otherSeconds) / (wallNanos / 1e9);
    }

    private static String name(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** utime + stime, fields 14 and 15 of stat, counted after the parenthesised name (which may hold spaces). */
    private static long ticks(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
