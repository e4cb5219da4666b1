package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void upsertTouchesOnlyItsOwnSectionAndKeys() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, """
                # my settings
                [default]
                region = eu-west-1

                [profile acct.ReadOnly]
                sso_account_id = 000000000000
                output = json

                [profile other]
                region = us-east-2
                """);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sso_session", "s");
        keys.put("sso_account_id", "111111111111");
        AwsConfigFile.update(file, config -> {
            config.upsert("profile acct.ReadOnly", keys);
            config.upsert("profile new", Map.of("region", "us-west-2"));
        });
        assertThat(Files.readString(file)).isEqualTo("""
                # my settings
                [default]
                region = eu-west-1

                [profile acct.ReadOnly]
                sso_account_id = 111111111111
                output = json
                sso_session = s

                [profile other]
                region = us-east-2

                [profile new]
                region = us-west-2
                """);
        assertThat(AwsConfigFile.load(file).section("profile acct.ReadOnly")).hasValueSatisfying(s ->
                assertThat(s).containsEntry("output", "json").containsEntry("sso_session", "s"));
        assertThat(AwsConfigFile.load(file).section("profile missing")).isEmpty();
        assertThat(AwsConfigFile.load(file).render()).as("read and rendered unchanged").isEqualTo(Files.readString(file));
    }
}
