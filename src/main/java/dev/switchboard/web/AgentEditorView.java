package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The agent editor ({@code app/agent}): {@code GET /agents/new} and {@code GET /agents/{id}},
 * saved with {@code POST /agents/new} or {@code POST /agents/{id}} (fields {@code name},
 * {@code type}, {@code status}, {@code voiceId}, {@code language}, {@code beginMessage},
 * {@code promptTemplate}, {@code tools} and {@code conversationFlow} as JSON), deleted with
 * {@code POST /agents/{id}/delete} and synced again with {@code POST /agents/{id}/sync}.
 *
 * @param id         the agent's id, or null for a new agent
 * @param form       the values shown in the form
 * @param types      the agent types
 * @param statuses   the agent statuses
 * @param voices     the provider's voices, or empty when they could not be fetched
 * @param voicesError why the voices could not be fetched (a free-text voice id is shown), or null
 * @param variables  the prompt's variables
 * @param sync       where the agent stands with the provider, or null for a new agent
 * @param canManage  whether the viewer may change the agent (others see it read-only)
 * @param errors     what was wrong with the last save
 */
public record AgentEditorView(String id, Form form, List<SelectOption> types, List<SelectOption> statuses,
                              List<SelectOption> voices, String voicesError, Variables variables, Sync sync,
                              boolean canManage, FormErrors errors) {

    /**
     * The form's values, as typed.
     *
     * @param name             the name
     * @param type             the type
     * @param status           the status
     * @param voiceId          the provider's voice id
     * @param language         a language tag such as en-US
     * @param beginMessage     what the agent says first
     * @param promptTemplate   the prompt, with {@code {{variables}}}
     * @param tools            the tools as JSON
     * @param conversationFlow the conversation flow as JSON, or blank
     */
    public record Form(String name, String type, String status, String voiceId, String language, String beginMessage,
                       String promptTemplate, String tools, String conversationFlow) {
    }

    /**
     * The {@code {{variables}}} of a prompt.
     *
     * @param all     every variable used
     * @param unknown those no contact list is known to provide
     * @param error   why the prompt's variables could not be read, or null
     */
    public record Variables(List<String> all, List<String> unknown, String error) {

        public Variables {
            all = all == null ? List.of() : List.copyOf(all);
            unknown = unknown == null ? List.of() : List.copyOf(unknown);
        }

        public boolean isUnknown(String variable) {
            return unknown.contains(variable);
        }
    }

    /**
     * Where the agent stands with the voice provider.
     *
     * @param status          pending, synced or failed
     * @param provider        the provider's name
     * @param providerAgentId the agent's id at the provider, or null before the first sync
     * @param error           the provider's message after a failure, or null
     * @param syncedAt        when it was last synced, or null
     */
    public record Sync(String status, String provider, String providerAgentId, String error, Instant syncedAt) {
    }

    public boolean isNew() {
        return id == null;
    }

    public AgentEditorView {
        voices = voices == null ? List.of() : List.copyOf(voices);
        errors = errors == null ? FormErrors.none() : errors;
    }
}
