package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.bench.LocalFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every link of README.md and docs/*.md resolves: a relative link names a file or directory of the checkout,
 * and an anchor names a heading of its page by GitHub's rules. Links to http(s) are not fetched.
 */
class DocsLinksTest {

    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

    private final Path checkout = LocalFleet.checkout();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyLinkOfTheReadmeAndTheDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(checkout.resolve("README.md")));
        try (Stream<Path> docs = Files.list(checkout.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String link : links(Files.readString(page))) {
                checked++;
                String problem = problem(page, link);
                if (problem != null) {
                    broken.add(checkout.relativize(page) + ": (" + link + ") " + problem);
                }
            }
        }
        assertThat(checked).as("links found").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertThat(anchor("Kafka security")).isEqualTo("kafka-security");
        assertThat(anchor("The AWS API simulator")).isEqualTo("the-aws-api-simulator");
        assertThat(anchor("`eksfleet.scan.results`")).isEqualTo("eksfleetscanresults");
        assertThat(anchor("Hub mode: one identity, many roles")).isEqualTo("hub-mode-one-identity-many-roles");
        assertThat(anchor("JVM settings (and why)")).isEqualTo("jvm-settings-and-why");
        assertThat(anchor("dead_letters - the [DLQ](x.md)")).isEqualTo("dead_letters---the-dlq");
    }

    private static List<String> links(String markdown) {
        String prose = INLINE_CODE.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(prose);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    /** Why {@code link} on {@code page} does not resolve, or null when it does. */
    private String problem(Path page, String link) throws IOException {
        if (link.startsWith("http://") || link.startsWith("https://") || link.startsWith("mailto:")) {
            return null;
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!target.startsWith(checkout)) {
            return "leaves the checkout";
        }
        if (!Files.exists(target)) {
            return "no such file " + checkout.relativize(target);
        }
        if (hash < 0 || !target.toString().endsWith(".md")) {
            return null;
        }
        String fragment = link.substring(hash + 1);
        return anchorsOf(target).contains(fragment) ? null : "no heading #" + fragment + " in " + checkout.relativize(target);
    }

    private Set<String> anchorsOf(Path page) throws IOException {
        Set<String> known = anchors.get(page);
        if (known == null) {
            known = new HashSet<>();
            String markdown = FENCE.matcher(Files.readString(page)).replaceAll("");
            Map<String, Integer> seen = new HashMap<>();
            Matcher h = HEADING.matcher(markdown);
            while (h.find()) {
                String slug = anchor(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                known.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher a = HTML_ANCHOR.matcher(markdown);
            while (a.find()) {
                known.add(a.group(1));
            }
            anchors.put(page, known);
        }
        return known;
    }

    /** GitHub's anchor for a heading: its text lowercased, punctuation but '-' and '_' dropped, spaces to '-'. */
    static String anchor(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
