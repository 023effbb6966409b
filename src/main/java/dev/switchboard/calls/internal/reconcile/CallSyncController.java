package dev.switchboard.calls.internal.reconcile;

import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reconciles the organization's calls with its voice provider now, instead of at the next scheduled run. */
@RestController
@Tag(name = "Calls")
class CallSyncController {

    private final CallReconciler reconciler;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    CallSyncController(CallReconciler reconciler, AuditLog audit, TransactionTemplate tx) {
        this.reconciler = reconciler;
        this.audit = audit;
        this.tx = tx;
    }

    @PostMapping("/api/v1/calls/sync")
    @RequiresPermission(Permission.CAMPAIGNS_RUN)
    @Operation(summary = "Compare recent calls with the voice provider and repair those whose webhooks never arrived: {checked, repaired}")
    CallReconciler.Summary sync() {
        // A provider that cannot be read answers as every provider failure does (ProviderException's problem).
        CallReconciler.Summary summary = reconciler.reconcile(TenantScope.requireOrganization(), true)
                .orElseThrow(() -> ApiProblem.conflict("sync-running",
                        "Your calls are being synchronized already. Try again in a minute."));
        tx.executeWithoutResult(s -> audit.record(new AuditEntry("calls.synced", "calls", "sync",
                Map.of("checked", summary.checked(), "repaired", summary.repaired()))));
        return summary;
    }
}
