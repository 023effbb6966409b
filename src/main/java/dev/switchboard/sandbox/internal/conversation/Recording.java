package dev.switchboard.sandbox.internal.conversation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A short, real audio file standing in for a call recording: a WAV (RIFF, PCM, 8 kHz, 16-bit,
 * mono) with one tone per utterance, agent and person at different pitches.
 */
public final class Recording {

    public static final int SAMPLE_RATE = 8000;
    private static final int MAX_TONES = 8;

    private Recording() {
    }

    /** @param utterances how many turns the call had (at least one tone is written) */
    public static byte[] wav(int utterances) {
        int tones = Math.max(1, Math.min(MAX_TONES, utterances));
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (int i = 0; i < tones; i++) {
            double frequency = i % 2 == 0 ? 440.0 : 587.33;
            writeTone(pcm, frequency, 0.45);
            writeSilence(pcm, 0.15);
        }
        byte[] samples = pcm.toByteArray();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + samples.length).put(new byte[] {'W', 'A', 'V', 'E'});
        header.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        header.put(new byte[] {'d', 'a', 't', 'a'}).putInt(samples.length);
        byte[] wav = new byte[44 + samples.length];
        System.arraycopy(header.array(), 0, wav, 0, 44);
        System.arraycopy(samples, 0, wav, 44, samples.length);
        return wav;
    }

    private static void writeTone(ByteArrayOutputStream out, double frequency, double seconds) {
        int count = (int) (SAMPLE_RATE * seconds);
        int fade = SAMPLE_RATE / 100;
        for (int n = 0; n < count; n++) {
            double envelope = Math.min(1.0, Math.min(n, count - n) / (double) fade);
            short sample = (short) (Math.sin(2 * Math.PI * frequency * n / SAMPLE_RATE) * 9000 * envelope);
            out.write(sample & 0xff);
            out.write((sample >> 8) & 0xff);
        }
    }

    private static void writeSilence(ByteArrayOutputStream out, double seconds) {
        int count = (int) (SAMPLE_RATE * seconds);
        for (int n = 0; n < count; n++) {
            out.write(0);
            out.write(0);
        }
    }
}
