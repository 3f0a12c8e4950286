package io.iothubtriage.dispatch;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueErrorCode;
import com.azure.storage.queue.models.QueueStorageException;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link RequestQueue} on an Azure Storage queue, base64-encoded as the Functions host's queue trigger expects.
 * Every send has a hard time budget (two tries of at most {@link #TRY_TIMEOUT} each, within {@link #BUDGET}), so
 * the alerts endpoint answers well inside the action group's ~10 s webhook timeout.
 */
public final class StorageRequestQueue implements RequestQueue {
    /** One try of a send. */
    public static final Duration TRY_TIMEOUT = Duration.ofSeconds(2);
    /** All tries of one send together: under half of the action group's webhook timeout. */
    public static final Duration BUDGET = Duration.ofSeconds(5);

    private final QueueClient client;

    public StorageRequestQueue(QueueClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The builder's retry and encoding settings of every queue client of the app. */
    public static QueueClientBuilder builder(String queueName) {
        return new QueueClientBuilder()
                .queueName(queueName)
                .messageEncoding(QueueMessageEncoding.BASE64)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 2, TRY_TIMEOUT,
                        Duration.ofMillis(200), Duration.ofMillis(200), null));
    }

    @Override
    public String name() {
        return client.getQueueName();
    }

    @Override
    public void send(String message, Duration delay) {
        Duration d = delay.isNegative() ? Duration.ZERO : delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        try {
            sendOnce(message, d);
        } catch (RuntimeException e) {
            // A send with a time budget can wrap the service's answer in the reactive runtime's exception.
            QueueStorageException answer = serviceAnswer(e);
            if (answer != null && QueueErrorCode.QUEUE_NOT_FOUND.equals(answer.getErrorCode())) {
                // A new storage account before the host created the queue: create it and send once more.
                try {
                    client.createIfNotExists();
                    sendOnce(message, d);
                    return;
                } catch (RuntimeException again) {
                    throw new QueueUnavailableException(name() + ": " + brief(again), again);
                }
            }
            throw new QueueUnavailableException(name() + ": " + brief(answer != null ? answer : e), e);
        }
    }

    private static QueueStorageException serviceAnswer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QueueStorageException q) {
                return q;
            }
        }
        return null;
    }

    private void sendOnce(String message, Duration delay) {
        client.sendMessageWithResponse(BinaryData.fromString(message), delay, TIME_TO_LIVE, BUDGET, Context.NONE);
    }

    /** The class of failure and the status, never a connection string or key. */
    static String brief(Throwable e) {
        if (e instanceof QueueStorageException q) {
            return "HTTP " + q.getStatusCode() + (q.getErrorCode() == null ? "" : " " + q.getErrorCode());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + (root != e ? " (" + root.getClass().getSimpleName() + ")" : "");
    }
}
