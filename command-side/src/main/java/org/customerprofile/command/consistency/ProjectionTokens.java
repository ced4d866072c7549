package org.customerprofile.command.consistency;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read-your-writes across processes: the projection's progress is its tokens in the token store, in the
 * event store's database, which this side reads anyway. A write is visible once the token of the segment
 * that handles its customer has handled the event's global position (the projection stores a token in the same
 * transaction as the batch it applied, after the read model writes). Polled every few milliseconds,
 * only for the wait of one write.
 */
class ProjectionTokens implements ReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(10);

    private final JdbcTemplate jdbc;
    private final Configuration axon;
    private final String processor;
    private final Duration wait;
    private List<Token> tokens = List.of();
    private long readAt = System.nanoTime() - POLL.toNanos();

    ProjectionTokens(JdbcTemplate jdbc, Configuration axon, String processor, Duration wait) {
        this.jdbc = jdbc;
        this.axon = axon;
        this.processor = processor;
        this.wait = wait;
    }

    /** Nothing to watch before the write: the tokens are read after it, for as long as it waits. */
    @Override
    public Watch watch(UUID customerId) {
        return new Watch() {
            @Override
            public boolean awaitVisible(long sequence, boolean appendedSinceWatch) {
                return ProjectionTokens.this.awaitVisible(customerId, sequence);
            }

            @Override
            public void close() {
            }
        };
    }

    private boolean awaitVisible(UUID customerId, long sequence) {
        List<Long> positions = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                Long.class, customerId.toString(), sequence);
        if (positions.isEmpty()) {
            return false;
        }
        long position = positions.get(0);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (applied(customerId, position)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private boolean applied(UUID customerId, long position) {
        List<Token> tokens = tokens();
        int[] segmentIds = tokens.stream().mapToInt(Token::segment).toArray();
        return tokens.stream()
                .filter(token -> handles(token.segment(), segmentIds, customerId))
                .findFirst()
                .map(token -> token.value() != null && handled(deserialize(token), position))
                .orElse(false);
    }

    /**
     * Whether segment {@code segment} (of the processor's {@code segmentIds}) handles the customer's
     * events: the projection sequences per aggregate, so all of a customer's events go to the one
     * segment its id hashes to.
     */
    static boolean handles(int segment, int[] segmentIds, UUID customerId) {
        return Segment.computeSegment(segment, segmentIds).matches(customerId.toString());
    }

    /**
     * Whether a segment whose token is {@code token} has handled the event at global {@code position}.
     * During a replay, what every part of the token has handled (its lower bound); a gap is an event
     * still to come (a transaction that took its position but had not committed when the token passed it).
     */
    static boolean handled(TrackingToken token, long position) {
        return WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken handled
                && handled.getIndex() >= position && !handled.getGaps().contains(position);
    }

    /** The projection's tokens as read at most {@link #POLL} ago: one query per poll, however many writes wait. */
    private synchronized List<Token> tokens() {
        if (System.nanoTime() - readAt > POLL.toNanos()) {
            tokens = jdbc.query("SELECT segment, token, tokenType FROM TokenEntry WHERE processorName = ?",
                    (row, n) -> new Token(row.getInt("segment"), row.getBytes("token"), row.getString("tokenType")), processor);
            readAt = System.nanoTime();
        }
        return tokens;
    }

    private TrackingToken deserialize(Token token) {
        return axon.serializer().deserialize(new SimpleSerializedObject<>(token.value(), byte[].class, token.type(), null));
    }

    private record Token(int segment, byte[] value, String type) {
    }
}
