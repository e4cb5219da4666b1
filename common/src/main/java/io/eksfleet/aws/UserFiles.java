package io.eksfleet.aws;

import io.eksfleet.host.UserPath;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the AWS CLI and kubectl keep a user's files, found the way they find them: {@code ~} from HOME,
 * then the environment variables that move each file; and as {@link UserPath}s named the way the person named
 * them (an option, a variable, the default), for checks whose one line says which.
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

    /** {@code --aws-config} when given, else {@code $AWS_CONFIG_FILE}, else {@code ~/.aws/config}. */
    public static UserPath namedAwsConfig(Path option) {
        if (option != null) {
            return UserPath.named("--aws-config", UserPath.Kind.AWS_CONFIG, option);
        }
        String env = System.getenv("AWS_CONFIG_FILE");
        return env != null && !env.isBlank() ? UserPath.named("$AWS_CONFIG_FILE", UserPath.Kind.AWS_CONFIG, Path.of(env))
                : UserPath.of(UserPath.Kind.AWS_CONFIG, awsConfig());
    }

    /** {@code --kubeconfig} when given, else the first path of {@code $KUBECONFIG}, else {@code ~/.kube/config}. */
    public static UserPath namedKubeconfig(Path option) {
        if (option != null) {
            return UserPath.named("--kubeconfig", UserPath.Kind.KUBECONFIG, option);
        }
        List<UserPath> list = kubeconfigList();
        return list.isEmpty() ? UserPath.of(UserPath.Kind.KUBECONFIG, kubeconfig()) : list.get(0);
    }

    /** Every path of {@code $KUBECONFIG}: kubectl reads them all, so none may be a device or a FIFO either. */
    public static List<UserPath> kubeconfigList() {
        String env = System.getenv("KUBECONFIG");
        List<UserPath> out = new ArrayList<>();
        if (env != null) {
            for (String element : env.split(File.pathSeparator)) {
                if (!element.isBlank()) {
                    out.add(UserPath.named("$KUBECONFIG", UserPath.Kind.KUBECONFIG, Path.of(element)));
                }
            }
        }
        return out;
    }

    /** {@code --sso-cache} when given, else {@code ~/.aws/sso/cache}; checked to be a directory (or none yet). */
    public static Path ssoCache(Path option) {
        Path dir = option != null ? option : ssoCache();
        UserPath.named(option != null ? "--sso-cache" : "the SSO token cache", UserPath.Kind.TOKEN_CACHE, dir).checkDirectory();
        return dir;
    }
}
