package dev.switchboard.agents.internal.catalog;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** AI agents of the organization. */
@RestController
@Tag(name = "Agents")
class AgentsApiController {

    record PreviewRequest(String promptTemplate, Map<String, String> values) {
    }

    record Voices(List<VoiceAgentProvider.Voice> items) {
    }

    private final AgentService agents;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;

    AgentsApiController(AgentService agents, ProviderAccounts accounts, VoiceAgentProviders providers) {
        this.agents = agents;
        this.accounts = accounts;
        this.providers = providers;
    }

    @GetMapping("/api/v1/agents")
    @Operation(summary = "Agents, filtered by status, type or name (q), sorted by name, updatedAt or createdAt (prefix - for descending)")
    CursorPage<AgentService.Agent> list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                                        @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
                                        @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return agents.list(status, type, q, sort, limit, cursor);
    }

    @PostMapping("/api/v1/agents")
    @Operation(summary = "Create an agent; it syncs to the voice provider in the background")
    ResponseEntity<AgentService.Agent> create(@RequestBody AgentService.AgentInput body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(agents.create(body));
    }

    @GetMapping("/api/v1/agents/{id}")
    @Operation(summary = "One agent, with its variables and sync state")
    AgentService.Agent get(@PathVariable UUID id) {
        return agents.find(id);
    }

    @PutMapping("/api/v1/agents/{id}")
    @Operation(summary = "Change an agent; a new sync follows")
    AgentService.Agent update(@PathVariable UUID id, @RequestBody AgentService.AgentInput body) {
        return agents.update(id, body);
    }

    @DeleteMapping("/api/v1/agents/{id}")
    @Operation(summary = "Delete an agent that nothing uses")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        agents.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/agents/{id}/sync")
    @Operation(summary = "Sync the agent to the provider again")
    ResponseEntity<AgentService.Agent> sync(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(agents.resync(id));
    }

    @PostMapping("/api/v1/agents/preview")
    @Operation(summary = "The variables of a prompt template, the unknown ones, and the prompt filled with sample values")
    Map<String, Object> preview(@RequestBody PreviewRequest body) {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        if (body.promptTemplate() == null) {
            throw ApiProblem.validation("promptTemplate", "is required");
        }
        return agents.preview(body.promptTemplate(), body.values());
    }

    @GetMapping("/api/v1/agents/voices")
    @Operation(summary = "The voices of the organization's voice provider")
    Voices voices() {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        ProviderAccount account = accounts.voiceAccount();
        try {
            return new Voices(providers.forAccount(account).listVoices(account));
        } catch (ProviderException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "provider-error", "Provider error", e.getMessage());
        }
    }
}
