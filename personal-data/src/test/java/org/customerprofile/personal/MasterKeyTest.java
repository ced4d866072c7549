package org.customerprofile.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private static final UUID ALICE = UUID.fromString("0b6f8a52-3c2e-4d1f-9a7b-5e4d3c2b1a09");
    private static final UUID BOB = UUID.fromString("5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5");
    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");

    private final MasterKey master = MasterKey.of(MasterKey.generate());

    @Test
    void aWrappedDataKeyOpensOnlyWithItsMasterKeyAndForItsCustomer() {
        byte[] dataKey = new byte[32];
        dataKey[0] = 7;

        byte[] wrapped = master.wrap(dataKey, ALICE);

        assertThat(master.unwrap(wrapped, ALICE)).isEqualTo(dataKey);
        assertThatThrownBy(() -> master.unwrap(wrapped, BOB)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKey.of(MasterKey.generate()).unwrap(wrapped, ALICE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesKeysThatAreNot32BytesOfBase64() {
        assertThatThrownBy(() -> MasterKey.of("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.of("not base64!")).hasMessageContaining("base64");
    }

    @Test
    void referenceHashesAreEqualForTheSameReferenceAndKeyedByTheMasterKey() {
        ReferenceHashes hashes = new ReferenceHashes(master);

        assertThat(hashes.of(COMPANY, " Order-7 ")).isEqualTo(hashes.of(COMPANY, "order-7")).hasSize(64).doesNotContainIgnoringCase("order");
        assertThat(hashes.of(COMPANY, "order-7")).isNotEqualTo(hashes.of(COMPANY, "order-8"))
                .isNotEqualTo(hashes.of(BOB, "order-7"))
                .isNotEqualTo(new ReferenceHashes(MasterKey.of(MasterKey.generate())).of(COMPANY, "order-7"));
        assertThat(hashes.matches(COMPANY, "ORDER-7", hashes.of(COMPANY, "order-7"))).isTrue();
        assertThat(hashes.matches(COMPANY, null, hashes.of(COMPANY, "order-7"))).isFalse();
    }
}
