package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Every table of every database of an embedded server, as Debian's {@code pg_dumpall} writes them. The dump
 * prints a BYTEA column (event payloads, sagas, tokens, dead letters) as hex, so a value is looked for both
 * as text and as the hex of its UTF-8 bytes.
 */
record PostgresDump(String text) {

    static PostgresDump of(EmbeddedPostgres postgres) throws IOException, InterruptedException {
        Process dump = new ProcessBuilder("pg_dumpall", "-h", "localhost", "-p", Integer.toString(postgres.getPort()), "-U", "postgres")
                .redirectErrorStream(true).start();
        byte[] out = dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new PostgresDump(new String(out, StandardCharsets.UTF_8));
    }

    /** Whether {@code value} is anywhere in the dump, ignoring case in text; in BYTEA, as written. */
    boolean holds(String value) {
        return text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))
                || text.contains(HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
    }
}
