package io.progressivedialer.common;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Runs a step once the current transaction has committed, or at once outside a transaction. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Nothing the world sees (a screen, a counter) may tell of work that a rollback then undoes. */
    public static void run(Runnable step) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    step.run();
                }
            });
        } else {
            step.run();
        }
    }
}
