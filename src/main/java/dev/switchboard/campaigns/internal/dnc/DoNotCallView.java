package dev.switchboard.campaigns.internal.dnc;

import dev.switchboard.web.Pagination;
import java.util.List;

/**
 * The do-not-call page ({@code app/do-not-call}).
 *
 * @param total      numbers on the list
 * @param lastImport the report of an import just made, or null
 */
public record DoNotCallView(List<DoNotCallService.Entry> entries, String q, Pagination pagination, long total,
                            boolean canManage, DoNotCallImport.Report lastImport) {
}
