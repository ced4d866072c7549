package org.customerprofile.personal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

/** The master key, the data keys, reference hashing, and the encrypting event serializer every process runs with. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class PersonalDataConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataConfiguration.class);

    @Bean
    MasterKey masterKey(EncryptionProperties properties, Environment environment) throws IOException {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return MasterKey.of(properties.masterKey());
        }
        Path file = properties.masterKeyFile();
        if (file != null && Files.exists(file)) {
            return MasterKey.of(Files.readString(file));
        }
        if (file == null || environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("customers.encryption.master-key is required"
                    + (file == null ? "" : " (the prod profile does not create one in " + file + ")")
                    + ": 32 random bytes in base64, e.g. from openssl rand -base64 32");
        }
        return MasterKey.of(create(file));
    }

    /** A new master key in {@code file}, readable by its owner only. */
    private static String create(Path file) throws IOException {
        String key = MasterKey.generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path written = Files.writeString(Files.createTempFile(file.toAbsolutePath().getParent(), "master-key", ".tmp"), key + "\n");
        if (written.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(written, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        }
        Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.warn("created a new master key in {}: keep it with the data directory, personal values cannot be read without it", file);
        return key;
    }

    @Bean
    DataKeys dataKeys(JdbcTemplate jdbc, MasterKey masterKey, EncryptionProperties properties) {
        return new DataKeys(jdbc, masterKey, properties.keyCacheSize(), properties.keyCacheExpiry());
    }

    @Bean
    ErasureNotifications erasureNotifications(DataSource dataSource, DataKeys keys) {
        return new ErasureNotifications(dataSource, keys);
    }

    @Bean
    ReferenceHashes referenceHashes(MasterKey masterKey) {
        return new ReferenceHashes(masterKey);
    }

    /**
     * Replaces Axon's event serializer (its auto-configuration backs off for a bean of this qualifier): the
     * general JSON serializer, which is the primary {@link Serializer}, wrapped to encrypt personal values.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer, DataKeys keys) {
        return new EncryptingSerializer(serializer, keys);
    }
}
