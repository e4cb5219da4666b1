package io.eksfleet.scan;

/** An account to scan: its id and the name reports and context names use (the id when no name is known). */
public record AccountRef(String id, String name) {
}
