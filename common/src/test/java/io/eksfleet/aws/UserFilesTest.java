package io.eksfleet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UserFilesTest {

    @Test
    void kubeconfigIsTheFirstNonEmptyElementOfKubeconfigAsKubectlReadsIt() {
        assertThat(UserFiles.kubeconfig(":/tmp/a:/tmp/b")).isEqualTo(Path.of("/tmp/a"));
        assertThat(UserFiles.kubeconfig("::/tmp/b")).isEqualTo(Path.of("/tmp/b"));
        assertThat(UserFiles.kubeconfig("/tmp/a")).isEqualTo(Path.of("/tmp/a"));
        Path fallback = UserFiles.home().resolve(".kube").resolve("config");
        assertThat(UserFiles.kubeconfig(":")).isEqualTo(fallback);
        assertThat(UserFiles.kubeconfig("")).isEqualTo(fallback);
        assertThat(UserFiles.kubeconfig(null)).isEqualTo(fallback);
    }
}
