package dev.switchboard.calls.internal.web;

import dev.switchboard.web.Pagination;
import dev.switchboard.web.SelectOption;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The calls list ({@code app/calls}): filters, sortable columns, cursor pages, and the export of
 * everything the filters match.
 *
 * @param calls       the calls of this page
 * @param filter      the filters asked for
 * @param options     the choices of the filter selects
 * @param sort        the sort code ({@code -createdAt}, {@code duration}…)
 * @param sortLinks   the addresses sorting by time, duration and cost (filters kept)
 * @param pagination  the "Newer / Older" links
 * @param exportHref  the CSV export of every call the filters match
 * @param selfHref    this page's address, for live refreshes
 * @param filterError why the filters could not be applied, or null
 * @param canCall     whether the viewer may place calls
 */
public record CallsView(List<Row> calls, Filter filter, Options options, String sort, SortLinks sortLinks,
                        Pagination pagination, String exportHref, String selfHref, String filterError, boolean canCall) {

    /** One call in the list. */
    public record Row(String id, Instant createdAt, String direction, String fromNumber, String toNumber,
                      String contactName, String agentName, String status, String disposition, Integer durationSeconds,
                      BigDecimal costCents, String sentiment) {

        /** The other party's number: the callee of an outbound call, the caller of an inbound one. */
        public String counterpart() {
            return "inbound".equals(direction) ? fromNumber : toNumber;
        }
    }

    /** The filters as typed; blank means "all". {@code campaignId} comes from links of a campaign's page. */
    public record Filter(String q, String status, String disposition, String direction, String agentId, String campaignId,
                         String from, String to, String sentiment, String successful) {

        public boolean isEmpty() {
            return java.util.stream.Stream.of(q, status, disposition, direction, agentId, campaignId, from, to, sentiment,
                            successful)
                    .allMatch(v -> v == null || v.isBlank());
        }
    }

    /** The choices of the filter selects. */
    public record Options(List<SelectOption> statuses, List<SelectOption> dispositions, List<SelectOption> directions,
                          List<SelectOption> agents, List<SelectOption> sentiments, List<SelectOption> successful) {
    }

    /** Column header links; each reverses its order when already sorted by it. */
    public record SortLinks(String created, String duration, String cost) {
    }

    public CallsView {
        calls = calls == null ? List.of() : List.copyOf(calls);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
    }
}
