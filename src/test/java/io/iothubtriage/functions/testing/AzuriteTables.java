package io.iothubtriage.functions.testing;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;

import java.util.UUID;

/** Table clients on the test Azurite; each test gets its own table so tests never see each other's rows. */
public final class AzuriteTables {
    private AzuriteTables() {
    }

    public static TableClient freshTable() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        TableClient client = new TableClientBuilder()
                .connectionString(Azurite.get().connectionString())
                .tableName(name)
                .buildClient();
        client.createTable();
        return client;
    }

    /** A table client of the same account on a port where nothing listens: table storage that is down. */
    public static TableClient unreachable() {
        return new TableClientBuilder()
                .connectionString(Azurite.unreachableConnectionString())
                .tableName("triageledger")
                .buildClient();
    }

    public static TableClient table(String name) {
        return new TableClientBuilder()
                .connectionString(Azurite.get().connectionString())
                .tableName(name)
                .buildClient();
    }
}
