package dev.switchboard.campaigns.internal.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated files never crash the import: each ends either in a report (counts that
 * account for every row) or in a file-level problem with a message for the user.
 */
class CsvFuzzTest {

    private static final int ITERATIONS = 400;
    private static final String VALID = "phone_number,crm_id,name,notes\r\n"
            + "+14155551234,C1,Ann,\"a, b\"\r\n"
            + "(415) 555-1235,C2,\"Bo \"\"B\"\"\",\"line\nbreak\"\r\n"
            + "4155551236,C3,Cy,\r\n"
            + "+447700123456,C4,Di,x\r\n";
    private static final String ALPHABET = ",;\t\"\r\n +0123456789abcXYZé\u0000\\";

    @Test
    void randomAndMutatedFilesAlwaysGetAReport() {
        Random random = new Random(20261122L);
        byte[] workbook = ImportFixture.xlsx(List.of(List.of("s:phone_number", "s:crm_id"), List.of("n:4155551234", "s:C1")));
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = switch (i % 4) {
                case 0 -> randomText(random);
                case 1 -> mutate(VALID.getBytes(StandardCharsets.UTF_8), random);
                case 2 -> mutate(workbook, random);
                default -> randomBytes(random);
            };
            assertReport(input, i);
        }
    }

    private static void assertReport(byte[] input, int iteration) {
        try {
            var run = ImportFixture.bytes(input);
            assertThat(run.counts().accepted() + run.counts().rejected()).as("iteration %d", iteration)
                    .isEqualTo(run.counts().total());
            assertThat(run.accepted()).hasSize(run.counts().accepted());
            assertThat(run.rejections().size()).isGreaterThanOrEqualTo(run.counts().rejected());
        } catch (ImportProblem problem) {
            assertThat(problem.getMessage()).as("iteration %d", iteration).isNotBlank().endsWith(".");
        }
    }

    private static byte[] randomText(Random random) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "phone_number,crm_id\n" : "");
        int length = random.nextInt(400);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(8);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                default -> bytes = java.util.Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }
}
