package dev.switchboard.platform.internal.cpu;

import java.util.List;

/**
 * What a thread of this node does, told by its name (the executors that matter name their
 * threads). HTTP requests run on virtual threads, whose CPU time the JVM counts on the carrier
 * threads of its scheduler, so that role holds every virtual thread's work.
 */
enum ThreadRole {
    JOBS("jobs", "job-", "db-scheduler", "due-jobs-timer"),
    PROVIDER_HTTP("provider-http", "provider-http-"),
    /** The JDK HttpClient's own threads (its selector, and the workers of a client without an executor). */
    HTTP_CLIENTS("http-clients", "HttpClient-"),
    HTTP_REQUESTS("http-requests", "ForkJoinPool-", "http-nio-", "tomcat-"),
    WEBHOOK_INBOX("webhook-inbox", "webhook-inbox-writer-"),
    WEBHOOK_PROCESSING("webhook-processing", "webhook-processing-"),
    SANDBOX("sandbox", "sandbox-"),
    OTHER("other");

    private final String tag;
    private final List<String> prefixes;

    ThreadRole(String tag, String... prefixes) {
        this.tag = tag;
        this.prefixes = List.of(prefixes);
    }

    String tag() {
        return tag;
    }

    static ThreadRole of(String threadName) {
        for (ThreadRole role : values()) {
            for (String prefix : role.prefixes) {
                if (threadName.startsWith(prefix)) {
                    return role;
                }
            }
        }
        return OTHER;
    }
}
