package io.eksfleet.coordinator;

import io.eksfleet.inventory.InventoryRecord;
import java.util.Collection;

/** What the coordinator's inputs read of the inventory ({@link InventoryWriter} keeps it). */
public interface InventoryView {

    /** The account's name as the inventory knows it, else its id: events name an account by its id only. */
    String accountName(String accountId);

    /** The inventory's records now. */
    Collection<InventoryRecord> records();
}
