package dev.switchboard.identity.internal.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.web.Pagination;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CursorTrailTest {

    @Test
    void theFirstPageLinksOnlyToOlderWithItsFilters() {
        Pagination links = CursorTrail.of("/list", CursorTrail.params("q", "a+b & c", "empty", " "), null, null)
                .pagination("C1");
        assertThat(links.newerHref()).isNull();
        assertThat(links.olderHref()).isEqualTo("/list?q=a%2Bb+%26+c&cursor=C1");
    }

    @Test
    void olderPagesRememberTheWayBack() {
        Pagination second = CursorTrail.of("/list", CursorTrail.params("q", "x"), "C1", "").pagination("C2");
        assertThat(second.newerHref()).isEqualTo("/list?q=x");
        assertThat(second.olderHref()).isEqualTo("/list?q=x&cursor=C2&back=C1");

        Pagination third = CursorTrail.of("/list", CursorTrail.params("q", "x"), "C2", "C1").pagination(null);
        assertThat(third.newerHref()).isEqualTo("/list?q=x&cursor=C1");
        assertThat(third.olderHref()).isNull();
    }

    @Test
    void aLongWayBackKeepsOnlyTheLatestSteps() {
        String back = IntStream.range(0, CursorTrail.MAX).mapToObj(i -> "S" + i).collect(Collectors.joining("."));
        String older = CursorTrail.of("/list", CursorTrail.params(), "NOW", back).pagination("NEXT").olderHref();
        assertThat(older).startsWith("/list?cursor=NEXT&back=S1.").endsWith(".S19.NOW");
    }
}
