package io.eksfleet.aws;

import java.io.File;
import java.nio.file.Path;

/**
 * Where the AWS CLI and kubectl keep a user's files, found the way they find them: {@code ~} from HOME,
 * then the environment variables that move each file.
 */
public final class UserFiles {

    private UserFiles() {
    }

    public static Path home() {
        String home = System.getenv("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"));
    }

    /** {@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}. */
    public static Path awsConfig() {
        String env = System.getenv("AWS_CONFIG_FILE");
        return env != null && !env.isBlank() ? Path.of(env) : home().resolve(".aws").resolve("config");
    }

    /** The first non-empty path of {@code $KUBECONFIG}, else {@code ~/.kube/config}: where {@code aws eks update-kubeconfig} writes. */
    public static Path kubeconfig() {
        return kubeconfig(System.getenv("KUBECONFIG"));
    }

    /** {@code $KUBECONFIG} read as kubectl and the AWS CLI read it: a path list whose empty elements are skipped. */
    public static Path kubeconfig(String env) {
        if (env != null) {
            for (String element : env.split(File.pathSeparator)) {
                if (!element.isBlank()) {
                    return Path.of(element);
                }
            }
        }
        return home().resolve(".kube").resolve("config");
    }

    /** {@code ~/.aws/sso/cache}, the SSO token cache of the AWS CLI and SDKs. */
    public static Path ssoCache() {
        return home().resolve(".aws").resolve("sso").resolve("cache");
    }
}
