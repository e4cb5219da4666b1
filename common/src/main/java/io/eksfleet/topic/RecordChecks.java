package io.eksfleet.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every eksfleet consumer's interceptor: what the deserialiser cannot see, because it is handed the value alone, is
 * checked here with the key at hand. A value under a key that is not its own, and a tombstone on a topic that is not
 * compacted, become poison like a record that breaks its contract; every poison record is logged and counted once
 * ({@link SkippedRecords}). The consumers then pass poison over (a stage dead-letters it) and go on.
 */
public final class RecordChecks implements ConsumerInterceptor<String, Decoded> {

    @Override
    public ConsumerRecords<String, Decoded> onConsume(ConsumerRecords<String, Decoded> records) {
        Map<TopicPartition, List<ConsumerRecord<String, Decoded>>> checked = null;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, Decoded>> list = records.records(partition);
            for (int i = 0; i < list.size(); i++) {
                ConsumerRecord<String, Decoded> record = list.get(i);
                ConsumerRecord<String, Decoded> poisoned = check(record);
                if (poisoned != record) {
                    if (checked == null) {
                        checked = new HashMap<>();
                        for (TopicPartition p : records.partitions()) {
                            checked.put(p, new ArrayList<>(records.records(p)));
                        }
                    }
                    checked.get(partition).set(i, poisoned);
                }
            }
        }
        return checked == null ? records : new ConsumerRecords<>(checked, records.nextOffsets());
    }

    /** The record, or the same record as poison with the reason. */
    static ConsumerRecord<String, Decoded> check(ConsumerRecord<String, Decoded> record) {
        Decoded value = Decoded.of(record.value());
        Topic<?> topic = Topics.byName(record.topic());
        if (value.isPoison()) {
            SkippedRecords.skip(record, value.reason(), value.poison());
            return record;
        }
        Decoded poison = null;
        if (value.isTombstone() && topic != null && !topic.compacted()) {
            poison = Decoded.poison(null, SkipReason.TOMBSTONE, "a null value on " + record.topic() + ", which is not compacted");
        } else if (!value.isTombstone() && topic != null && !keyMatches(topic, record.key(), value.value())) {
            poison = Decoded.poison(value.raw(), SkipReason.KEY, "the key is not the one its value is written under");
        }
        if (poison == null) {
            return record;
        }
        SkippedRecords.skip(record, poison.reason(), poison.poison());
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(), record.timestampType(),
                record.serializedKeySize(), record.serializedValueSize(), record.key(), poison, record.headers(), record.leaderEpoch(),
                record.deliveryCount());
    }

    @SuppressWarnings("unchecked")
    private static boolean keyMatches(Topic<?> topic, String key, Object value) {
        try {
            return ((Topic<Object>) topic).keyMatches(key, value);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
