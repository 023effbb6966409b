/**
 * AI voice agents: prompt template, voice, conversation flow and tools, kept in sync with the
 * voice-AI provider through the {@link dev.switchboard.agents.VoiceAgentProvider} port (Retell,
 * Vapi, the embedded sandbox). Types in this package are the API; {@code internal} is private.
 */
package dev.switchboard.agents;
