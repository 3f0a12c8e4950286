package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a big export on two threads: a reader thread parses the file (Jackson or the CSV scanner) and collects raw
 * rows in batches (a CSV export's properties_s already scanned where the scanner met it, see {@link CsvLogReader});
 * the calling thread assembles them (properties_s, time, strings) and feeds the sink, so the sink
 * sees every row on the caller's thread, in file order, as with a plain read. Parsing and assembling cost about the
 * same, so a second core nearly doubles the rate, and on a machine shared with other work two runnable threads get
 * a bigger share of it than one.
 *
 * <p>Failures keep their order. A fault the reader thread meets (malformed JSON, a ragged CSV row, an I/O error)
 * travels behind the rows read before it: those reach the sink first, then the caller throws it. A fault of the
 * calling thread (a row with a bad time, an exception from the sink) stops the reader thread at its next batch; the
 * caller waits for it to end before returning, so the file is never closed under it.
 *
 * <p>Memory: at most {@link #DEPTH} full batches wait, each of {@link #BATCH} raw rows (about 1 KB each with their
 * strings), plus the two being filled and emptied, and as many batches only are ever made (each reused): 2 to 3 MB,
 * whatever the file size.
 */
final class RowPipeline {

    /** Parses a file into a collector (a format reader). */
    interface Reader {
        RowCollector.Result read(RowCollector rows) throws BadInputException, IOException;
    }

    static final int BATCH = 256;
    static final int DEPTH = 4;

    /** Raw rows, and after the last one of the file what the reader found or the fault it met. */
    private static final class Batch {
        final RawRow[] rows = new RawRow[BATCH];
        int size;
        boolean last;
        RowCollector.Result result;
        Throwable failure;

        Batch() {
            for (int i = 0; i < BATCH; i++) {
                rows[i] = new RawRow();
            }
        }
    }

    /** Thrown on the reader thread when the caller has given up; ends that thread quietly. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(DEPTH);
    /**
     * Emptied batches kept for reuse. Room for every batch there can be ({@link #DEPTH} waiting, one being filled, one
     * being emptied), so none is dropped: with room for two, the threads' turns (the reading thread ahead early in a
     * run, behind later) dropped batches and the reading thread made new ones, 256 raw rows each, a twentieth of
     * its time with their collection.
     */
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private volatile boolean cancelled;

    private RowPipeline() {
    }

    /**
     * Runs {@code reader} on a new thread and assembles its rows on this one.
     *
     * @return what the reader found; the rows went through {@code assembler}
     */
    static RowCollector.Result run(Reader reader, RowAssembler assembler, String threadName)
            throws BadInputException, IOException {
        return new RowPipeline().go(reader, assembler, threadName);
    }

    private RowCollector.Result go(Reader reader, RowAssembler assembler, String threadName)
            throws BadInputException, IOException {
        Thread thread = new Thread(() -> produce(reader), threadName);
        thread.setDaemon(true);
        thread.start();
        boolean done = false;
        try {
            RowCollector.Result result = consume(assembler);
            done = true;
            return result;
        } finally {
            if (!done) {
                cancelled = true;
                full.clear(); // a reader blocked on a full queue can hand over its batch and see the cancellation
            }
            ThreadJoin.uninterruptibly(thread);
        }
    }

    // ---- the reader thread ----

    private void produce(Reader reader) {
        Batch[] current = {new Batch()};
        RowCollector collector = new RowCollector(row -> {
            Batch b = current[0];
            b.size++;
            if (b.size == BATCH) {
                hand(b);
                b = current[0] = emptyBatch();
            }
            return b.rows[b.size]; // reset by the calling thread once assembled (or new)
        }, current[0].rows[0]);
        Batch last;
        try {
            RowCollector.Result result = reader.read(collector);
            last = current[0];
            last.result = result;
        } catch (Cancelled c) {
            return;
        } catch (Throwable t) {
            last = current[0];
            last.failure = t;
        }
        last.last = true;
        try {
            hand(last);
        } catch (Cancelled ignored) {
            // the caller stopped reading
        }
    }

    private void hand(Batch b) {
        if (cancelled) {
            throw new Cancelled();
        }
        try {
            full.put(b);
        } catch (InterruptedException e) {
            throw new Cancelled(); // nobody interrupts this thread but the JVM shutting down
        }
    }

    private Batch emptyBatch() {
        Batch b = free.poll(); // never waits: when the caller keeps none back, a new batch is made
        if (b == null) {
            return new Batch();
        }
        b.size = 0;
        return b;
    }

    // ---- the calling thread ----

    private RowCollector.Result consume(RowAssembler assembler) throws BadInputException, IOException {
        while (true) {
            Batch b;
            try {
                b = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            }
            assembler.findDevices(b.rows, b.size);
            for (int i = 0; i < b.size; i++) {
                RawRow r = b.rows[i];
                assembler.accept(r);
                // Reset here, where the row is in the cache, not on the reading thread before it fills the row
                // again: that thread is the busier of the two.
                r.reset();
            }
            if (b.last) {
                if (b.failure != null) {
                    throw rethrow(b.failure);
                }
                return b.result;
            }
            free.offer(b);
        }
    }

    /** The reader thread's fault, thrown as it was thrown there. */
    private static IOException rethrow(Throwable t) throws BadInputException {
        if (t instanceof BadInputException e) {
            throw e;
        }
        if (t instanceof IOException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(t);
    }
}
