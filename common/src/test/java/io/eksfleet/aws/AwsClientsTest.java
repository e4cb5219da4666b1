package io.eksfleet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;

/** The clients' attempt timeouts, on the one scheduler every client shares. */
class AwsClientsTest {

    static final StaticCredentialsProvider ACCOUNT = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test-access-key-id", "test-secret-access-key"));

    @Test
    void aCallToAServerThatNeverAnswersTimesOutAndNoClientStartsASchedulerOfItsOwn() throws Exception {
        // The kernel takes the connection into the backlog; nobody ever reads the request or answers it.
        long schedulersBefore = sdkSchedulers();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             AwsClients clients = new AwsClients(URI.create("http://127.0.0.1:" + silent.getLocalPort()), 4, Duration.ofMillis(300))) {
            for (String region : List.of("us-east-1", "eu-west-1", "ap-south-1")) {
                clients.prepare(region);
            }
            CompletableFuture<ListClustersResponse> call = clients.eks("eu-west-1")
                    .listClusters(r -> r.overrideConfiguration(o -> o.credentialsProvider(ACCOUNT)));

            assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ApiCallAttemptTimeoutException.class);
            assertThat(sdkSchedulers()).as("SDK scheduler threads, before: " + schedulersBefore).isEqualTo(schedulersBefore);
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("eksfleet-aws-timeouts");
        }
    }

    /** Scheduler threads the SDK started for clients of their own; other tests of this JVM may have left some. */
    private static long sdkSchedulers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sdk-ScheduledExecutor")).count();
    }
}
