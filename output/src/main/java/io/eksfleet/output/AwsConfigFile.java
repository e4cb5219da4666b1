package io.eksfleet.output;

import io.eksfleet.host.UserPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ~/.aws/config}, edited the way a person would: the sections eksfleet writes are added or updated
 * key by key, and every other line of the file (other profiles, comments, blank lines) stays as it was.
 */
public final class AwsConfigFile {

    /**
     * The key eksfleet adds to the profiles it writes ({@code eksfleet_managed = true}): the AWS CLI and SDKs
     * ignore keys they do not know, and eksfleet changes no profile without it (see {@link AwsProfiles}).
     */
    public static final String MARKER = "eksfleet_managed";

    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*\\]\\s*$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=\\s*(.*?)\\s*$");

    private final List<String> lines;

    private AwsConfigFile(List<String> lines) {
        this.lines = lines;
    }

    /** Reads the file without its lock, for look-ups; changes go through {@link #update}. */
    public static AwsConfigFile load(Path path) {
        return parse(path, AtomicFile.read(userPath(path)).orElse(null));
    }

    /** The file as eksfleet checks it: {@link UserPath.Kind#AWS_CONFIG}. */
    static UserPath userPath(Path path) {
        return UserPath.of(UserPath.Kind.AWS_CONFIG, path);
    }

    /** The file's text, null when there is no file. */
    public static AwsConfigFile parse(Path path, String text) {
        return new AwsConfigFile(new ArrayList<>(text == null ? List.of() : text.lines().toList()));
    }

    /** The keys of an {@code [sso-session NAME]} section, as {@code aws configure sso} writes them. */
    public static Map<String, String> ssoSession(String startUrl, String region) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sso_start_url", startUrl);
        keys.put("sso_region", region);
        keys.put("sso_registration_scopes", "sso:account:access");
        return keys;
    }

    /** Re-reads the file under its lock, applies {@code change}, and writes the result if it differs. */
    public static void update(Path path, java.util.function.Consumer<AwsConfigFile> change) throws IOException {
        AtomicFile.update(userPath(path), text -> {
            AwsConfigFile file = parse(path, text);
            change.accept(file);
            return file.render();
        });
    }

    /** The {@code [sso-session NAME]} or {@code [profile NAME]} section's keys, if the file has it. */
    public Optional<Map<String, String>> section(String header) {
        int start = find(header);
        if (start < 0) {
            return Optional.empty();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && !HEADER.matcher(lines.get(i)).matches(); i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (m.matches()) {
                keys.put(m.group(1), m.group(2));
            }
        }
        return Optional.of(keys);
    }

    /** Sets these keys in the section, creating it at the end when missing; other keys of it stay. */
    public void upsert(String header, Map<String, String> keys) {
        int start = find(header);
        if (start < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add("[" + header + "]");
            keys.forEach((k, v) -> lines.add(k + " = " + v));
            return;
        }
        int end = start + 1;
        while (end < lines.size() && !HEADER.matcher(lines.get(end)).matches()) {
            end++;
        }
        int insertAt = end;
        while (insertAt > start + 1 && lines.get(insertAt - 1).isBlank()) {
            insertAt--;
        }
        for (Map.Entry<String, String> key : keys.entrySet()) {
            boolean replaced = false;
            for (int i = start + 1; i < insertAt; i++) {
                Matcher m = KEY.matcher(lines.get(i));
                if (m.matches() && m.group(1).equals(key.getKey())) {
                    lines.set(i, key.getKey() + " = " + key.getValue());
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                lines.add(insertAt++, key.getKey() + " = " + key.getValue());
            }
        }
    }

    public String render() {
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }



    private int find(String header) {
        String wanted = header.trim().replaceAll("\\s+", " ");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = HEADER.matcher(lines.get(i));
            if (m.matches() && m.group(1).replaceAll("\\s+", " ").equals(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
