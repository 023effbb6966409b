package dev.switchboard.platform;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work gathered during a transaction and written once, just before it commits: many small
 * writes of one kind (counters, notices) become one statement, still inside the transaction, so
 * they commit or roll back with the changes that caused them. A batch that applies hundreds of
 * events saves a round trip to the database per event this way.
 *
 * <p>Outside a transaction there is nothing to wait for: the work is written at once.
 */
public final class BeforeCommit {

    private BeforeCommit() {
    }

    /**
     * The current transaction's buffer under {@code key}, created (with {@code create}) on first
     * use and handed to {@code flush} before the commit; {@code null} when no transaction is
     * active, in which case the caller writes at once. A flush that throws rolls the
     * transaction back.
     */
    public static <T> T buffer(Object key, Supplier<T> create, Consumer<T> flush) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(key);
        if (bound instanceof Pending<?> pending) {
            @SuppressWarnings("unchecked")
            T existing = (T) pending.buffer;
            // Once flushed (the commit is under way), later work is written at once.
            return pending.flushed ? null : existing;
        }
        Pending<T> pending = new Pending<>(create.get());
        TransactionSynchronizationManager.bindResource(key, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                pending.flushed = true;
                flush.accept(pending.buffer);
            }

            // A transaction started inside this one (REQUIRES_NEW) gets buffers of its own.
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(key, pending);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
        return pending.buffer;
    }

    private static final class Pending<T> {
        private final T buffer;
        private boolean flushed;

        private Pending(T buffer) {
            this.buffer = buffer;
        }
    }
}
