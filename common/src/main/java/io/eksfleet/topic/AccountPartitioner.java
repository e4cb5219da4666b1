package io.eksfleet.topic;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Puts every record about one AWS account on the same partition number of its topic: the account task
 * ({@code accountId}), its region tasks ({@code accountId/region}) and its cluster tasks (the cluster ARN).
 * With the stage topics' equal partition counts and {@code CoPartitionAssignor}, all of an account's
 * tasks reach one worker, so the fleet fetches each account's credentials once instead of once per
 * worker: the SSO portal's 20 requests per second for a whole organisation are the scarcest budget there is.
 * Keys that name no account (scan ids) are hashed whole, as Kafka's default partitioner does.
 */
public final class AccountPartitioner implements Partitioner {

    private static final Pattern ACCOUNT = Pattern.compile("^(\\d{12})(?:/.*)?$|^arn:[^:]+:[^:]*:[^:]*:(\\d{12}):");

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        if (keyBytes == null) {
            return ThreadLocalRandom.current().nextInt(partitions);
        }
        String account = accountOf(key == null ? "" : key.toString());
        return partition(account != null ? account.getBytes(StandardCharsets.UTF_8) : keyBytes, partitions);
    }

    /** The account a key names, or null. */
    static String accountOf(String key) {
        Matcher m = ACCOUNT.matcher(key);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** Kafka's default hash of a key. */
    static int partition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}
