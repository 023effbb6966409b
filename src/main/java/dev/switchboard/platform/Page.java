package dev.switchboard.platform;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer list, as asked for by {@code request}, with the total number of items
 * in the whole list at the time of the query.
 */
public record Page<T>(List<T> items, PageRequest request, long totalItems) {

    public Page {
        items = List.copyOf(items);
    }

    /** How many pages the whole list fills (0 for an empty list). */
    public long totalPages() {
        return (totalItems + request.size() - 1) / request.size();
    }

    /** Whether a page follows this one. */
    public boolean hasNext() {
        return request.offset() + items.size() < totalItems;
    }

    /** The same page with each item converted. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), request, totalItems);
    }
}
