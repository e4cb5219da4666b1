package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operations endpoints of a role started with {@code --management-port 0}: it prints the port it got. */
final class ManagementEndpoint {

    private ManagementEndpoint() {
    }

    /** The body of {@code path} on the port the role's output names. */
    static String get(String roleOutput, String path) throws IOException, InterruptedException {
        Matcher port = Pattern.compile("management on port (\\d+)").matcher(roleOutput);
        assertThat(port.find()).as(roleOutput).isTrue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
