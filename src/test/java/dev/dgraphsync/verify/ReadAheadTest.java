package dev.dgraphsync.verify;

import dev.dgraphsync.source.DgraphUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ReadAheadTest {

    /** Pages of {@code size} numbers, {@code pages} of them, then the end (or, with {@code failAfter}, a failure). */
    private static ReadAhead.Pages<Integer> numbers(int pages, int size, int failAfter) {
        int[] read = {0};
        return () -> {
            if (read[0] == failAfter) {
                throw new DgraphUnavailableException("HTTP 503 from Dgraph (/query)");
            }
            Deque<Integer> page = new ArrayDeque<>();
            if (read[0] < pages) {
                IntStream.range(read[0] * size, (read[0] + 1) * size).forEach(page::add);
            }
            read[0]++;
            return page;
        };
    }

    @Test
    void everyItemOfEveryPageComesOutOnceInOrderThoughTheReaderIsAhead() {
        List<Integer> out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<Integer> items = new ArrayList<>();
            try (ReadAhead<Integer> ahead = new ReadAhead<>("test", 2, numbers(500, 3, -1))) {
                for (Integer i = ahead.next(); i != null; i = ahead.next()) {
                    items.add(i);
                }
                assertThat(ahead.next()).isNull();
            }
            return items;
        });
        assertThat(out).containsExactlyElementsOf(IntStream.range(0, 1500).boxed().toList());
    }

    @Test
    void aFailureOfTheReaderIsThrownAfterThePagesReadBeforeIt() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ReadAhead<Integer> ahead = new ReadAhead<>("test", 1, numbers(10, 2, 3))) {
                List<Integer> items = new ArrayList<>();
                assertThatThrownBy(() -> {
                    for (Integer i = ahead.next(); i != null; i = ahead.next()) {
                        items.add(i);
                    }
                }).isInstanceOf(DgraphUnavailableException.class).hasMessage("HTTP 503 from Dgraph (/query)");
                assertThat(items).containsExactly(0, 1, 2, 3, 4, 5);
            }
        });
    }
}
