package org.customerprofile.command.consistency;

import java.time.Duration;
import java.util.UUID;
import org.customerprofile.api.customer.ReadableVersions;

/**
 * Read-your-writes when the projection runs in this JVM (the standalone run): the projection tells
 * {@link ReadableVersions} each version it made readable, and a write waits for its own. The read model is
 * asked only for a sequence this write did not append itself.
 */
class ProjectionInThisProcess implements ReadYourWrites {

    private final ReadableVersions versions;
    private final Duration wait;

    ProjectionInThisProcess(ReadableVersions versions, Duration wait) {
        this.versions = versions;
        this.wait = wait;
    }

    @Override
    public Watch watch(UUID customerId) {
        ReadableVersions.Watch watch = versions.watch(customerId);
        return new Watch() {
            @Override
            public boolean awaitVisible(long sequence, boolean appendedSinceWatch) {
                return watch.awaitReadable(sequence, appendedSinceWatch, wait);
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }
}
