package dev.switchboard.platform;

/**
 * Which page of a list to return: {@code page} counts from 0, {@code size} is between 1 and
 * {@link #MAX_SIZE}. Lists that take one return a {@link Page}.
 */
public record PageRequest(int page, int size) {

    /** The largest page any list returns. */
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, but was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", but was " + size);
        }
    }

    /** The first page of {@code size} items. */
    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    /** The page after this one. */
    public PageRequest next() {
        return new PageRequest(page + 1, size);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }
}
