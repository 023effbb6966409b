/**
 * AI voice agents: their voice, prompt and tools, and the provider that runs them.
 * For now only the Agents page, which lists none until agents can be created.
 */
package dev.switchboard.agents;
