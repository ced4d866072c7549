package org.customerprofile.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A merchant's webhook endpoint on the loopback interface (JDK {@code HttpServer}): records every request
 * and answers with the status it is told to, after the delay it is told to. It can be stopped and started
 * again on the same port, as an endpoint that goes down and comes back.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, its header names in lower case, and the status it was answered. */
    record Received(Map<String, List<String>> headers, String body, int status, long arrivedNanos) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        JsonNode json() {
            return ApiClient.json(body);
        }

        boolean succeeded() {
            return status / 100 == 2;
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;
    private HttpServer server;
    private int port;

    private WebhookReceiver() {
    }

    static WebhookReceiver start() {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.listen(0);
        return receiver;
    }

    private synchronized void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            int answer = status;
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), answer, System.nanoTime()));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    void answer(int status) {
        this.status = status;
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Stops listening: connections are refused until {@link #restart}. */
    synchronized void stopListening() {
        server.stop(0);
    }

    /** Listens again, on the same port. */
    synchronized void restart() {
        listen(port);
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> succeeded() {
        return received.stream().filter(Received::succeeded).toList();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
