package io.eksfleet.scan;

/** Every message on an eksfleet topic: a schema version ({@value #VERSION} today) and the scan it belongs to. */
public interface VersionedMessage {

    int VERSION = 1;

    int v();

    String scanId();
}
