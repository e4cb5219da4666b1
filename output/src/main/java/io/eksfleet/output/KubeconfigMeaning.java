package io.eksfleet.output;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What kubectl reads in a kubeconfig entry, so that two entries are compared by meaning, not by how they
 * are written. Any {@code kubectl config} command re-serialises the whole file: it re-quotes and reorders
 * keys, drops empty fields ({@code certificate-authority-data: ''}), writes others that it reads as unset
 * ({@code provideClusterInfo: false}, {@code env: null}, {@code args: null}), and fills in the exec
 * plugin's {@code interactiveMode} default. Both sides of a comparison go through the same rules:
 * <ul>
 *   <li>a field whose value is null, {@code ""}, {@code false}, an empty list or an empty mapping is the
 *       same as no field (kubectl's Go types read all of them as their zero value);</li>
 *   <li>an exec plugin of {@code client.authentication.k8s.io/v1beta1} or {@code v1alpha1} without
 *       {@code interactiveMode} has {@code IfAvailable}, the default kubectl fills in for those versions;</li>
 *   <li>base64 data fields mean their bytes (kubectl decodes and re-encodes them);</li>
 *   <li>lists keep their order and every element: {@code args} in another order is another command.</li>
 * </ul>
 */
final class KubeconfigMeaning {

    private static final Set<String> INTERACTIVE_BY_DEFAULT = Set.of(
            "client.authentication.k8s.io/v1beta1", "client.authentication.k8s.io/v1alpha1");
    private static final Set<String> BASE64 = Set.of("certificate-authority-data", "client-certificate-data", "client-key-data");

    private KubeconfigMeaning() {
    }

    /** Whether kubectl reads the two entries (a cluster, user or context with its name) the same way. */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        return of(a).equals(of(b));
    }

    /** The entry with kubectl's reading applied: a new value, the entry itself is left as it is. */
    static Object of(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                Object meaning = BASE64.contains(key) && v instanceof String s ? bytes(s) : of(v);
                if (!unset(meaning)) {
                    out.put(key, meaning);
                }
            });
            if (out.get("exec") instanceof Map<?, ?> exec && INTERACTIVE_BY_DEFAULT.contains(exec.get("apiVersion"))
                    && !exec.containsKey("interactiveMode")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> withDefault = (Map<String, Object>) exec;
                withDefault.put("interactiveMode", "IfAvailable");
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(of(e)));
            return out;
        }
        return value;
    }

    private static boolean unset(Object value) {
        return value == null || "".equals(value) || Boolean.FALSE.equals(value)
                || value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty();
    }

    /** The bytes in one spelling: standard base64 with padding, as kubectl writes them back. */
    private static String bytes(String base64) {
        try {
            // Line breaks are skipped, as Go's decoder skips them; anything else that is not base64 stays text.
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(base64.replaceAll("[\\r\\n]", "")));
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
