package org.customerprofile.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's last word on a request no servlet answered — one it refused before Spring saw it (a target
 * outside RFC 3986, an encoded {@code /}, an 8 kB header, a negative {@code Content-Length}) — in the
 * contract's error body instead of Tomcat's HTML page. A method Tomcat does not implement ({@code 501})
 * is answered {@code 405}, an HTTP version it does not speak ({@code 505}) {@code 400}: the client's
 * choices, not faults of the server.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    static final int MAX_INSTANCE_LENGTH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 501 || status == 505) {
            status = status == 501 ? 405 : 400;
            response.setStatus(status);
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(render(status, instanceOf(request)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to tell it
        }
    }

    /** The error body for {@code status} at {@code instance}. */
    static String render(int status, String instance) {
        try {
            return JSON.writeValueAsString(ApiError.of(status, instance));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path as far as Tomcat parsed it; cut short, since an over-long target is one reason to be here. */
    static String instanceOf(Request request) {
        String uri;
        try {
            uri = request.getDecodedRequestURI();
        } catch (RuntimeException e) {
            uri = null;
        }
        if (uri == null) {
            uri = request.getCoyoteRequest().requestURI().toString();
        }
        if (uri == null) {
            return "";
        }
        return uri.length() > MAX_INSTANCE_LENGTH ? uri.substring(0, MAX_INSTANCE_LENGTH) : uri;
    }
}
