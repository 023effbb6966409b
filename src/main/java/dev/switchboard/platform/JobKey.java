package dev.switchboard.platform;

import java.util.Objects;

/** Names one job: its task and the caller's instance id. */
public record JobKey(String taskName, String instanceId) {

    public JobKey {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
