package io.eksfleet.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A kubeconfig's text and its tree: reading it with the limits kubectl applies, refusing what kubectl would
 * refuse, and printing it back. {@link KubeconfigFile} works on the tree alone.
 */
final class KubeconfigYaml {

    /** The most aliases a kubeconfig may use, as YAML parsers that guard against alias bombs allow by default. */
    static final int MAX_ALIASES = 50;

    private KubeconfigYaml() {
    }

    /**
     * A file's text (null when there is no file) as the tree of a kubeconfig; an empty or missing file is the layout of a
     * new one. Text that kubectl would refuse is refused with an {@link OutputException} that names why.
     */
    static Map<String, Object> read(Path path, String text) {
        if (text == null) {
            return newContent();
        }
        int maxChars = KubeconfigFile.MAX_CHARS;
        Object parsed;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(maxChars);
            // kubectl refuses a file of many aliases ("excessive aliasing"): a few hundred bytes of them expand to gigabytes.
            options.setMaxAliasesForCollections(MAX_ALIASES);
            parsed = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw invalid(path, text.length() > maxChars ? "it is larger than " + maxChars / 1024 / 1024 + " MiB"
                    : e.getMessage() != null && e.getMessage().contains("aliases") ? "it has more than " + MAX_ALIASES + " aliases"
                    : "it is not valid YAML");
        } catch (StackOverflowError e) {
            throw invalid(path, "it nests too deeply");
        }
        if (refersToItself(parsed, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            throw invalid(path, "an anchor in it refers to itself");
        }
        if (parsed == null) {
            return newContent();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw invalid(path, "its top level is not a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        if (root.get("kind") != null && !"Config".equals(root.get("kind"))) {
            throw invalid(path, "its kind is " + root.get("kind") + ", not Config");
        }
        if (root.get("apiVersion") != null && !"v1".equals(root.get("apiVersion"))) {
            throw invalid(path, "its apiVersion is " + root.get("apiVersion") + ", not v1");
        }
        for (String list : List.of("clusters", "contexts", "users")) {
            Object value = root.get(list);
            if (value != null && !(value instanceof List<?> l && l.stream().allMatch(e -> e instanceof Map))) {
                throw invalid(path, "'" + list + "' is not a list of mappings");
            }
        }
        if (root.get("current-context") != null && !(root.get("current-context") instanceof String)) {
            throw invalid(path, "'current-context' is not a string");
        }
        if (root.get("preferences") != null && !(root.get("preferences") instanceof Map)) {
            throw invalid(path, "'preferences' is not a mapping");
        }
        return root;
    }

    /** The tree as block YAML, on unsplit lines, with aliases written out (kubectl's own writer uses none). */
    static String render(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setDereferenceAliases(true);
        return new Yaml(new Representer(options), options).dump(root);
    }

    /** Whether a list or map contains itself (a YAML anchor used inside its own node), which no writer can print. */
    private static boolean refersToItself(Object node, Set<Object> open) {
        if (!(node instanceof Map<?, ?> || node instanceof List<?>)) {
            return false;
        }
        if (!open.add(node)) {
            return true;
        }
        Collection<?> children = node instanceof Map<?, ?> m ? m.values() : (List<?>) node;
        for (Object child : children) {
            if (refersToItself(child, open)) {
                return true;
            }
        }
        open.remove(node);
        return false;
    }

    /** The layout {@code aws eks update-kubeconfig} gives a new file, so a file eksfleet starts reads like the CLI's. */
    private static Map<String, Object> newContent() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("clusters", new ArrayList<>());
        root.put("contexts", new ArrayList<>());
        root.put("current-context", "");
        root.put("kind", "Config");
        root.put("preferences", new LinkedHashMap<>());
        root.put("users", new ArrayList<>());
        return root;
    }

    private static OutputException invalid(Path path, String why) {
        return new OutputException(path + " is not a valid kubeconfig (" + why + "): fix or move it; eksfleet left it untouched");
    }
}
