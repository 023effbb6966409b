package dev.switchboard.sandbox.internal.http;

/**
 * A request the sandbox refuses, answered like Retell: the HTTP status and
 * {@code {"status": "error", "message": …}}.
 */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** Retell answers an id that does not exist under the API key with 422. */
    public static ApiException unknownAsset(String what) {
        return new ApiException(422, "Cannot find requested asset under given api key: " + what);
    }
}
