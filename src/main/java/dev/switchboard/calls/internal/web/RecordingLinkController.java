package dev.switchboard.calls.internal.web;

import dev.switchboard.calls.internal.api.CallRecordings;
import dev.switchboard.calls.internal.api.RecordingLinks;
import dev.switchboard.calls.internal.api.RecordingStream;
import dev.switchboard.platform.RequestIds;
import dev.switchboard.web.ErrorView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A shared recording link, opened by anyone who has it (no sign-in): plays the recording while
 * the link is valid, explains an expired link (410) and treats a deleted recording, an unknown
 * call and an altered token alike (404), so a link reveals nothing beyond what it was made for.
 */
@Controller
class RecordingLinkController {

    private final RecordingLinks links;
    private final CallRecordings recordings;
    private final RecordingStream stream;

    RecordingLinkController(RecordingLinks links, CallRecordings recordings, RecordingStream stream) {
        this.links = links;
        this.recordings = recordings;
        this.stream = stream;
    }

    @GetMapping("/r/{token}")
    String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model)
            throws IOException {
        RecordingLinks.Verification verification = links.verify(token);
        if (!(verification instanceof RecordingLinks.Genuine link)) {
            return notFound(response, model);
        }
        if (link.expired()) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("view", new ErrorView(410, "This link has expired",
                    "Links to a call recording work for 24 hours. Ask the person who shared it for a new link.",
                    RequestIds.current()));
            return "error";
        }
        Optional<String> url = recordings.playableFor(link.organizationId(), link.callId());
        if (url.isEmpty()) {
            return notFound(response, model);
        }
        stream.copy(url.get(), request, response);
        return null;
    }

    private static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("view", new ErrorView(404, "This recording is not available",
                "The link is incomplete, or the recording was deleted. Ask the person who shared it.", RequestIds.current()));
        return "error";
    }
}
