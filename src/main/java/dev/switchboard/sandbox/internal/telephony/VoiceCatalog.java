package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.internal.http.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The fixed list of voices the sandbox offers, shaped like Retell's {@code VoiceResponse}. */
public final class VoiceCatalog {

    private record Voice(String id, String name, String provider, String gender, String accent, String age) {
    }

    private static final String PREVIEW = "https://retell-utils-public.s3.us-west-2.amazonaws.com/";

    private static final List<Voice> VOICES = List.of(
            new Voice("11labs-Adrian", "Adrian", "elevenlabs", "male", "American", "Young"),
            new Voice("11labs-Myra", "Myra", "elevenlabs", "female", "American", "Young"),
            new Voice("11labs-Marissa", "Marissa", "elevenlabs", "female", "American", "Young"),
            new Voice("11labs-Brian", "Brian", "elevenlabs", "male", "American", "Middle Aged"),
            new Voice("11labs-Dorothy", "Dorothy", "elevenlabs", "female", "British", "Young"),
            new Voice("11labs-Anthony", "Anthony", "elevenlabs", "male", "British", "Middle Aged"),
            new Voice("openai-Alloy", "Alloy", "openai", "male", "American", "Young"),
            new Voice("openai-Nova", "Nova", "openai", "female", "American", "Young"),
            new Voice("openai-Shimmer", "Shimmer", "openai", "female", "American", "Middle Aged"),
            new Voice("deepgram-Angus", "Angus", "deepgram", "male", "Irish", "Middle Aged"),
            new Voice("deepgram-Luna", "Luna", "deepgram", "female", "American", "Young"),
            new Voice("cartesia-Cleo", "Cleo", "cartesia", "female", "American", "Young"),
            new Voice("cartesia-Hailey", "Hailey", "cartesia", "female", "American", "Young"),
            new Voice("minimax-Max", "Max", "minimax", "male", "American", "Middle Aged"),
            new Voice("retell-Cimo", "Cimo", "elevenlabs", "male", "American", "Young"),
            new Voice("retell-Nico", "Nico", "elevenlabs", "male", "Latin American", "Young"));

    private VoiceCatalog() {
    }

    public static ArrayNode list() {
        ArrayNode list = Json.array();
        VOICES.forEach(voice -> list.add(json(voice)));
        return list;
    }

    /** The voice, or {@code null} when the catalog has no such id. */
    public static ObjectNode find(String voiceId) {
        return VOICES.stream().filter(v -> v.id().equals(voiceId)).findFirst().map(VoiceCatalog::json).orElse(null);
    }

    /** The TTS provider of a voice ({@code elevenlabs} when unknown). */
    public static String provider(String voiceId) {
        return VOICES.stream().filter(v -> v.id().equals(voiceId)).findFirst().map(Voice::provider)
                .orElse("elevenlabs");
    }

    private static ObjectNode json(Voice voice) {
        return Json.object().put("voice_id", voice.id()).put("voice_name", voice.name())
                .put("provider", voice.provider()).put("gender", voice.gender()).put("accent", voice.accent())
                .put("age", voice.age())
                .put("preview_audio_url", PREVIEW + voice.id().toLowerCase(java.util.Locale.ROOT) + ".mp3");
    }
}
