package org.customerprofile.standalone;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The MongoDB wire protocol served in-process by mongo-java-server on its memory backend, driven by
 * the real MongoDB driver. The read model it holds is rebuilt from the event store at every start
 * ({@code customers.read-model.volatile=true}): the memory backend answers a sorted page of 100k
 * documents in ~0.1 s where the H2 file backend needs 3–30 s (see stack.md).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnEmbeddedStores.class)
class EmbeddedMongoConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    MongoServer mongoServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        return server;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoServer server) {
        InetSocketAddress address = server.getLocalAddress();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .build());
    }
}
