package io.eksfleet.cli.options;

import io.eksfleet.aws.UserFiles;
import io.eksfleet.host.UserPath;
import io.eksfleet.output.AwsConfigFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a command finds the login ({@code [sso-session NAME]}, {@code [profile P]}): the AWS CLI's config, read as the
 * AWS CLI reads it ({@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}), then the file of {@code --aws-config} when
 * that names another one. So the generated profiles can go to a file of their own while the login stays where
 * {@code aws configure sso} put it.
 */
public final class LoginConfig {

    private final List<UserPath> files = new ArrayList<>();

    private LoginConfig(Path awsConfigOption) {
        files.add(UserFiles.namedAwsConfig(null));
        UserPath given = UserFiles.namedAwsConfig(awsConfigOption);
        if (!given.path().equals(files.get(0).path())) {
            files.add(given);
        }
    }

    /** The login config of a command whose {@code --aws-config} is {@code awsConfigOption} (null when not given); each file checked. */
    public static LoginConfig of(Path awsConfigOption) {
        LoginConfig config = new LoginConfig(awsConfigOption);
        config.files.forEach(UserPath::check);
        return config;
    }

    /** The section with this header in the first file that has it. */
    public Optional<Map<String, String>> section(String header) {
        return files.stream().map(f -> AwsConfigFile.load(f.path()).section(header)).flatMap(Optional::stream).findFirst();
    }

    /** The files, as a person reads them in a message: {@code ~/.aws/config or ./profiles}. */
    @Override
    public String toString() {
        return files.stream().map(f -> f.path().toString()).collect(Collectors.joining(" or "));
    }
}
