package io.eksfleet.simulator.org;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads and writes organisation files, YAML ({@code .yaml}/{@code .yml}) or JSON (anything else). Writing
 * is deterministic: the same organisation always gives the same bytes, and reading what was written gives
 * the same organisation back. The format is documented in the README ("Organisation file").
 */
public final class OrgFiles {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}");

    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)).build();

    private OrgFiles() {
    }

    private static <M extends ObjectMapper, B extends tools.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL));
    }

    public static Organization read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidOrgException("cannot read org file " + file + ": " + describe(e));
        }
        Organization org;
        try {
            org = mapperFor(file).readValue(bytes, Organization.class);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new InvalidOrgException("org file " + file + " is not a valid organisation" + where + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new InvalidOrgException("org file " + file + " is not a valid organisation: missing " + e.getMessage());
        }
        if (org == null) {
            throw new InvalidOrgException("org file " + file + " is empty");
        }
        try {
            validate(org);
        } catch (InvalidOrgException e) {
            throw new InvalidOrgException("org file " + file + ": " + e.getMessage());
        }
        return org;
    }

    public static void write(Organization org, Path file) throws IOException {
        Files.write(file, toBytes(org, mapperFor(file)));
    }

    public static String toJson(Organization org) {
        return new String(toBytes(org, JSON), StandardCharsets.UTF_8);
    }

    public static String toYaml(Organization org) {
        return new String(toBytes(org, YAML), StandardCharsets.UTF_8);
    }

    private static byte[] toBytes(Organization org, ObjectMapper mapper) {
        return mapper.writeValueAsBytes(org);
    }

    /** Checks the rules a file can break but the records cannot enforce alone. */
    public static void validate(Organization org) {
        requireId(org.managementAccountId(), "managementAccountId");
        if (!org.ssoStartUrl().startsWith("https://") && !org.ssoStartUrl().startsWith("http://")) {
            throw new InvalidOrgException("ssoStartUrl '" + org.ssoStartUrl() + "' is not a URL");
        }
        Partition partition = org.partition();
        requireRegion(partition, org.ssoRegion(), "ssoRegion");
        Set<String> ids = new HashSet<>(Set.of(org.managementAccountId()));
        for (int i = 0; i < org.accounts().size(); i++) {
            Account account = org.accounts().get(i);
            String at = "accounts[" + i + "]";
            requireId(account.id(), at + ".id");
            if (!ids.add(account.id())) {
                throw new InvalidOrgException(at + ".id " + account.id() + " appears twice");
            }
            if (account.name() == null || account.name().isBlank()) {
                throw new InvalidOrgException(at + ".name is missing");
            }
            for (String region : account.regions()) {
                requireRegion(partition, region, at + ".regions");
            }
            Set<String> clusterKeys = new HashSet<>();
            for (int c = 0; c < account.clusters().size(); c++) {
                Cluster cluster = account.clusters().get(c);
                String cat = at + ".clusters[" + c + "]";
                if (!CLUSTER_NAME.matcher(cluster.name()).matches()) {
                    throw new InvalidOrgException(cat + ".name '" + cluster.name() + "' is not a valid EKS cluster name");
                }
                requireRegion(partition, cluster.region(), cat + ".region");
                if (!account.regionEnabled(cluster.region())) {
                    throw new InvalidOrgException(cat + ".region " + cluster.region() + " is not enabled for account " + account.id());
                }
                if (!clusterKeys.add(cluster.region() + "/" + cluster.name())) {
                    throw new InvalidOrgException(cat + " duplicates cluster " + cluster.name() + " in " + cluster.region());
                }
            }
        }
    }

    private static void requireId(String id, String field) {
        if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
            throw new InvalidOrgException(field + " '" + id + "' is not a 12-digit account id");
        }
    }

    private static void requireRegion(Partition partition, String region, String field) {
        if (!Regions.isKnown(region)) {
            throw new InvalidOrgException(field + " '" + region + "' is not a known region");
        }
        if (!partition.has(region)) {
            throw new InvalidOrgException(field + " '" + region + "' is not a region of partition " + partition.id()
                    + " (set partition: to " + Partition.ofRegion(region).id() + ", or use one of " + partition.regions() + ")");
        }
    }

    private static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
