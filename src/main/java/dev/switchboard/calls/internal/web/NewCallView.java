package dev.switchboard.calls.internal.web;

import dev.switchboard.web.FormErrors;
import dev.switchboard.web.SelectOption;
import java.util.List;

/**
 * The "New call" form ({@code app/new-call}): the number to call, the agent, and the variables
 * the agent's prompt reads.
 *
 * @param to        the number as typed
 * @param agentId   the chosen agent, or blank for the primary number's outbound agent
 * @param variables the variable rows (at least one, possibly empty)
 * @param agents    the organization's agents
 * @param errors    what to fix, by field ({@code to}, {@code agentId}, {@code variables})
 */
public record NewCallView(String to, String agentId, List<Variable> variables, List<SelectOption> agents,
                          FormErrors errors) {

    /** One variable row. */
    public record Variable(String name, String value) {
    }

    public NewCallView {
        variables = variables == null || variables.isEmpty() ? List.of(new Variable("", "")) : List.copyOf(variables);
        errors = errors == null ? FormErrors.none() : errors;
    }
}
