package dev.switchboard.realtime.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A client leaving a live stream is how streams normally end, not a failure: nothing is logged
 * and nothing can be answered (the connection is gone).
 */
@RestControllerAdvice(assignableTypes = LiveStreamController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DisconnectedClients {

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientLeft() {
        // the stream has already unregistered itself
    }
}
