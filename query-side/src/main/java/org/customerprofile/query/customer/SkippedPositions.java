package org.customerprofile.query.customer;

import java.util.NavigableSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The positions of the event store a bulk copy passed without finding an event there: a transaction not committed
 * yet, or rolled back. The token the copy hands on names those among the last {@link #WINDOW} positions as gaps, so
 * the projection taking over picks up an event committed late into one, as Axon's own reader would.
 *
 * <p>One set for the whole copy: Axon's reader gives every event a token with a copy of all the gaps behind it, and
 * a batch of thousands of events over a stretch of thousands of gaps (rolled-back appends) took more than a 512 MB
 * heap at start-up. The copy's reader keeps a short gap window instead, and this set the long one.
 */
final class SkippedPositions {

    /** How far behind the newest position a gap is still watched: Axon's default, which the event store's engine here uses. */
    static final int WINDOW = 10_000;

    /** Axon's first global index, when a copy starts before the first event. */
    private static final long LOWEST_POSITION = 1;

    private final NavigableSet<Long> skipped = new TreeSet<>();
    private long newest;

    /** From {@code from}, whose gaps are still open; null: before the first event. */
    SkippedPositions(TrackingToken from) {
        if (from == null) {
            newest = LOWEST_POSITION - 1;
        } else if (from instanceof GapAwareTrackingToken token) {
            newest = token.getIndex();
            skipped.addAll(token.getGaps());
        } else {
            throw new IllegalArgumentException("a JDBC event store position is gap-aware, not " + from.getClass().getSimpleName());
        }
    }

    /** The copy read the event at {@code position}: beyond the newest, or late into a gap. */
    void passed(long position) {
        if (position > newest) {
            for (long gap = Math.max(newest + 1, position - WINDOW); gap < position; gap++) {
                skipped.add(gap);
            }
            newest = position;
            skipped.headSet(newest - WINDOW).clear();
        } else {
            skipped.remove(position);
        }
    }

    /** Where the copy is: the newest position read, with the gaps behind it still open. */
    GapAwareTrackingToken position() {
        return GapAwareTrackingToken.newInstance(newest, skipped);
    }
}
