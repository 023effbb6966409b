package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.platform.TenantScope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads an uploaded file row by row and stores what it finds: accepted rows as contacts, refused
 * rows with their reasons. Work is committed in chunks with the progress, so a large file never
 * holds one long transaction and the page can show how far the import is; a chunk is stored
 * while the next one is read.
 */
@Component
class ContactImporter {

    static final int CHUNK_ROWS = 10_000;
    /** Chunks stored at once, each on its own connection. */
    static final int WRITERS = 2;

    /** Where to read, for whom, and how numbers are read. */
    record Request(UUID organization, UUID listId, Path file, String region, boolean sandbox) {
    }

    /** The outcome of a complete import. */
    record Result(List<String> columns, ImportCounts counts, int doNotCall, String format) {
    }

    private final ContactStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ImportLimits limits;

    ContactImporter(ContactStore store, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.limits = ImportLimits.DEFAULT;
    }

    /**
     * Imports the file; throws {@link ImportProblem} when the file as a whole cannot be used
     * (the rows stored before the problem was found are then removed again).
     */
    Result importFile(Request request, java.util.function.Consumer<List<String>> onHeader) {
        tx.executeWithoutResult(s -> store.clear(request.organization(), request.listId()));
        try (RowSource source = RowSource.open(request.file(), limits); ChunkWriter writer = new ChunkWriter(request)) {
            ContactHeader header = readHeader(source, limits);
            onHeader.accept(header.columns());
            ContactRowChecker checker = new ContactRowChecker(header, request.region(), request.sandbox(), limits);
            ImportCounts counts;
            try {
                counts = readRows(source, checker, writer);
            } finally {
                writer.awaitPending();
            }
            int doNotCall = tx.execute(s -> store.doNotCallCount(request.organization(), request.listId()));
            return new Result(header.columns(), counts, doNotCall, source.description());
        } catch (ImportProblem problem) {
            tx.executeWithoutResult(s -> store.clear(request.organization(), request.listId()));
            throw problem;
        }
    }

    /**
     * Stores chunks on threads of their own while the next chunk is being read and checked, so
     * reading and the database work overlap. Storing costs PostgreSQL several times what reading
     * costs Java, so {@link #WRITERS} chunks are stored at once, each in its own transaction on
     * its own connection: on two cores both then work. Chunks may commit out of order, which is
     * safe: a rerun clears the list, and progress never goes back (see {@link ContactStore#progress}).
     */
    private final class ChunkWriter implements Sink, AutoCloseable {

        private final Request request;
        private final ExecutorService executor = Executors.newFixedThreadPool(WRITERS,
                Thread.ofPlatform().name("contact-import-writer-", 1).daemon().factory());
        private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();

        ChunkWriter(Request request) {
            this.request = request;
        }

        @Override
        public void chunk(List<ContactRowChecker.Accepted> accepted, List<ContactRowChecker.Rejection> rejected,
                          ImportCounts counts) {
            List<ContactRowChecker.Accepted> contacts = List.copyOf(accepted);
            List<ContactRowChecker.Rejection> rejections = List.copyOf(rejected);
            while (pending.size() >= WRITERS) {
                await(pending.removeFirst());
            }
            pending.addLast(executor.submit(() -> TenantScope.runAs(request.organization(),
                    () -> flush(request, contacts, rejections, counts))));
        }

        /** Waits for every chunk handed over so far; the first failure is thrown once all have ended. */
        void awaitPending() {
            RuntimeException failure = null;
            while (!pending.isEmpty()) {
                try {
                    await(pending.removeFirst());
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private void await(Future<?> chunk) {
            try {
                chunk.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while storing imported rows", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    /** Where the rows of each chunk go, with the totals so far. */
    interface Sink {
        void chunk(List<ContactRowChecker.Accepted> accepted, List<ContactRowChecker.Rejection> rejected,
                   ImportCounts counts);
    }

    /** The header: the first row with a value. */
    static ContactHeader readHeader(RowSource source, ImportLimits limits) {
        SourceRow row;
        while ((row = source.next()) != null) {
            if (!row.isEmpty()) {
                return ContactHeader.read(row, limits);
            }
        }
        throw new ImportProblem("The file has no rows with values. Its first row must name the columns "
                + "(phone_number, crm_id, then any variables), with one contact per row below it.");
    }

    /**
     * Checks every data row, handing them to {@code sink} every {@link #CHUNK_ROWS} rows and at the
     * end; a file with no data row is a problem.
     */
    static ImportCounts readRows(RowSource source, ContactRowChecker checker, Sink sink) {
        ImportCounts counts = ImportCounts.NONE;
        List<ContactRowChecker.Accepted> accepted = new ArrayList<>(CHUNK_ROWS);
        List<ContactRowChecker.Rejection> rejected = new ArrayList<>();
        SourceRow row;
        while ((row = source.next()) != null) {
            if (row.isEmpty()) {
                counts = counts.emptyRow();
            } else {
                ContactRowChecker.Outcome outcome = checker.check(row);
                counts = counts.add(outcome);
                if (outcome.accepted() != null) {
                    accepted.add(outcome.accepted());
                } else {
                    rejected.addAll(outcome.rejections());
                }
            }
            if (counts.rowsRead() % CHUNK_ROWS == 0) {
                sink.chunk(accepted, rejected, counts);
                accepted.clear();
                rejected.clear();
            }
        }
        if (counts.total() == 0) {
            throw new ImportProblem("The file has its header row but no contacts below it. Add one row per contact "
                    + "under the header, then upload the file again.");
        }
        sink.chunk(accepted, rejected, counts);
        return counts;
    }

    private void flush(Request request, List<ContactRowChecker.Accepted> accepted,
                       List<ContactRowChecker.Rejection> rejected, ImportCounts counts) {
        tx.executeWithoutResult(s -> {
            store.relaxCommit();
            store.write(request.organization(), request.listId(), accepted, rejected);
            store.progress(request.organization(), request.listId(), counts, clock.instant());
        });
    }
}
