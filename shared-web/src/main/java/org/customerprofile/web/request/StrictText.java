package org.customerprofile.web.request;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What text the service accepts from a client: well-formed UTF-8 only (no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF), no unpaired surrogates, no control characters but tab and
 * newline. Such text is stored and read back unchanged by every store; anything else would not be.
 */
public final class StrictText {

    public static final String NOT_UTF_8 = "must be valid UTF-8";
    public static final String LONE_SURROGATE = "must not contain unpaired surrogates";
    public static final String CONTROL_CHARACTER = "must not contain control characters other than tab and newline";

    private StrictText() {
    }

    /** The offsets of the first byte of every malformed sequence in {@code bytes}; empty when it is well-formed UTF-8. */
    public static List<Integer> malformedUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.min(Math.max(bytes.length, 16), 8192));
        List<Integer> offsets = new ArrayList<>();
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                offsets.add(in.position());
                in.position(in.position() + result.length());
            } else if (result.isOverflow()) {
                out.clear();
            } else {
                return offsets;
            }
        }
    }

    /** {@code bytes} as a string when they are well-formed UTF-8. */
    public static Optional<String> decodeUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Why {@code text} cannot be accepted, if it cannot: an unpaired surrogate or a control character. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(LONE_SURROGATE);
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n') {
                return Optional.of(CONTROL_CHARACTER);
            }
        }
        return Optional.empty();
    }

    /** {@code text} safe to echo in an error body: every unpaired surrogate and control character becomes U+FFFD. */
    public static String printable(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                safe.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                safe.append('\uFFFD');
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
