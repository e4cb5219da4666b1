package io.eksfleet.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A file as eksfleet last left it (modification time, size, inode), taken under the file's lock: a file that no longer
 * matches its stamp was changed by another writer since, kubectl's lock or not.
 */
public record FileStamp(FileTime modified, long size, Object key) {

    /** No file there, or none that could be read. */
    public static final FileStamp ABSENT = new FileStamp(null, -1, null);

    /** The file at {@code path} (a symlink followed) as it is now. */
    public static FileStamp of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException | UnsupportedOperationException e) {
            return ABSENT;
        }
    }
}
