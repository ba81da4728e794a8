package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sandboxes' state on disk: every applied write, one JSON line each ({@code journal.jsonl} in the state
 * directory), appended and forced to disk before its answer is sent. On start the lines are replayed over the
 * seed, so what a client was told happened survives a crash, and a retry under the same Idempotency-Key gets
 * the first answer again. The first line names the seed the journal was written over; a journal of another seed
 * cannot be replayed and is moved aside. A crash while a line was written leaves it torn: the last line is then
 * dropped with a warning (its write was never answered); a bad line before it is corruption and stops the start.
 */
final class SandboxJournal implements AutoCloseable {

    static final String FILE = "journal.jsonl";
    static final String LOCK_FILE = "journal.lock";
    static final String KIND = "agent-hub-sandbox";
    static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SandboxJournal.class);

    /** The first line: which journal this is and over which seed ({@link SandboxSeed#digest()}) it was written. */
    record Header(String journal, int version, String seed) {
    }

    /**
     * One applied write.
     *
     * @param command the validated request, as the operation reads it back to replay it
     * @param reply   the answer the client was given, which a retry with the same key gets again
     */
    record Entry(long sequence, Instant at, String operation, String targetId, String idempotencyKey,
                 JsonNode command, Answer reply) {
    }

    /** An answer as journaled: status, the created resource's path or null, and the JSON body. */
    record Answer(int status, String location, JsonNode body) {
    }

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel channel;
    private final List<Entry> entries;

    private SandboxJournal(Path file, FileChannel lockChannel, FileLock lock, FileChannel channel, List<Entry> entries) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.channel = channel;
        this.entries = entries;
    }

    /**
     * Opens the journal in {@code dir} (made if missing) for a sandbox started from the seed with {@code seedDigest},
     * reading the entries to replay. Only one sandbox at a time may use a directory.
     */
    static SandboxJournal open(Path dir, String seedDigest) {
        Objects.requireNonNull(seedDigest, "seedDigest");
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                throw new IllegalStateException("The sandbox state in " + dir + " is in use by another sandbox");
            }
            Path file = dir.resolve(FILE);
            Contents contents = Files.exists(file) ? read(file) : new Contents(null, List.of(), 0);
            if (contents.header() != null && !seedDigest.equals(contents.header().seed())) {
                Path aside = dir.resolve(FILE + "." + System.currentTimeMillis() + ".old");
                Files.move(file, aside);
                LOG.warn("The sandbox state in {} was kept over another seed and cannot be replayed over this one: moved"
                        + " to {}; the sandbox starts afresh from its seed", dir, aside.getFileName());
                contents = new Contents(null, List.of(), 0);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (channel.size() > contents.length()) {
                LOG.warn("The last line of {} is incomplete (the sandbox stopped while writing it, before answering):"
                        + " dropped", file);
                channel.truncate(contents.length());
            }
            channel.position(contents.length());
            SandboxJournal journal = new SandboxJournal(file, lockChannel, lock, channel, contents.entries());
            if (contents.header() == null) {
                try {
                    journal.write(new Header(KIND, VERSION, seedDigest));
                } catch (IOException e) {
                    journal.close();
                    throw e;
                }
            }
            return journal;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("Cannot open the sandbox state in " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** The entries found on opening, oldest first. */
    List<Entry> entries() {
        return entries;
    }

    Path file() {
        return file;
    }

    /** Appends the entry and forces it to disk; when this returns, the write survives a crash. */
    synchronized void append(Entry entry) throws IOException {
        write(entry);
    }

    private void write(Object line) throws IOException {
        byte[] json = SandboxJson.MAPPER.writeValueAsBytes(line);
        ByteBuffer buffer = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    @Override
    public synchronized void close() {
        closeQuietly(channel);
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("Sandbox journal lock already released: {}", e.getMessage());
        }
        closeQuietly(lockChannel);
    }

    private record Contents(Header header, List<Entry> entries, long length) {
    }

    /** The header and entries of a journal, and the length of its complete lines; a torn last line is left out. */
    private static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Header header = null;
        List<Entry> entries = new ArrayList<>();
        long good = 0;
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            boolean complete = end >= 0;
            int stop = complete ? end : bytes.length;
            lineNumber++;
            boolean last = !complete || stop + 1 >= bytes.length;
            if (stop > start) {
                Object line;
                try {
                    Class<?> type = header == null ? Header.class : Entry.class;
                    line = SandboxJson.MAPPER.readValue(bytes, start, stop - start, type);
                } catch (IOException e) {
                    if (last) {
                        break;  // torn: the caller drops it with a warning
                    }
                    throw new IllegalStateException("Line " + lineNumber + " of " + file + " is not a journal entry"
                            + " (the file was changed by hand or damaged); delete " + file.getParent()
                            + " to start the sandbox afresh", e);
                }
                if (line instanceof Header h) {
                    header = checked(h, file);
                } else {
                    entries.add((Entry) line);
                }
            }
            if (!complete) {
                break;
            }
            good = end + 1L;
            start = end + 1;
        }
        return new Contents(header, List.copyOf(entries), good);
    }

    private static Header checked(Header header, Path file) {
        if (!KIND.equals(header.journal())) {
            throw new IllegalStateException(file + " is not a sandbox journal");
        }
        if (header.version() != VERSION) {
            throw new IllegalStateException(file + " is a sandbox journal of version " + header.version()
                    + ", this sandbox reads version " + VERSION + "; delete it to start afresh");
        }
        return header;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;  // held by this JVM: another sandbox in the same process
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a sandbox journal file failed: {}", e.getMessage());
        }
    }
}
