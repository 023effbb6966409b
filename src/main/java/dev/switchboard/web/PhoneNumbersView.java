package dev.switchboard.web;

import java.util.List;

/**
 * The phone numbers page ({@code app/phone-numbers}). Admins set a number's agents with
 * {@code POST /phone-numbers/{id}/agents} ({@code inboundAgentId}, {@code outboundAgentId}, blank
 * for none) and make one primary with {@code POST /phone-numbers/{id}/primary}.
 *
 * @param numbers     the organization's numbers
 * @param agents      the agents that can be chosen
 * @param readyFrom   the primary number outbound calls are placed from, or null when not ready
 * @param notReady    what to fix before calls can be placed, or null when ready
 * @param canManage   whether the viewer may change the numbers (admins only)
 */
public record PhoneNumbersView(List<Number> numbers, List<SelectOption> agents, String readyFrom, String notReady,
                               boolean canManage) {

    /**
     * A number of the organization.
     *
     * @param id              the number's id
     * @param e164            the number in E.164
     * @param displayName     its name
     * @param provider        the carrier
     * @param status          active or another status
     * @param primary         whether outbound calls are placed from it
     * @param inboundAgentId  the agent answering it, or null
     * @param outboundAgentId the agent calling from it, or null
     */
    public record Number(String id, String e164, String displayName, String provider, String status, boolean primary,
                         String inboundAgentId, String outboundAgentId) {
    }

    public PhoneNumbersView {
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
