package ai.fonella.samples.plainjava;

import ai.fonella.client.FonellaClient;
import java.io.IOException;

/**
 * Runs the order desk against the API given by {@code FONELLA_API_KEY}, {@code FONELLA_BASE_URL}
 * (default {@code https://api.fonella.ai}) and {@code PUBLIC_URL} (where Fonella reaches this app),
 * listening on {@code PORT} (default 8081). The demo, with an embedded Fonella emulator, is
 * {@code PlainJavaDemo} under {@code src/test}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        String apiKey = System.getenv("FONELLA_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("Set FONELLA_API_KEY (and PUBLIC_URL) to run against Fonella. For the demo with an "
                    + "embedded emulator, run from the repository root: mvn -q -pl samples/plain-java -am -Pdemo verify");
            System.exit(2);
        }
        String publicUrl = System.getenv("PUBLIC_URL");
        if (publicUrl == null || publicUrl.isBlank()) {
            System.err.println("Set PUBLIC_URL to the HTTPS address where Fonella reaches this app, "
                    + "e.g. https://orders.example.com (a tunnel to port " + port() + " works).");
            System.exit(2);
        }
        String baseUrl = System.getenv().getOrDefault("FONELLA_BASE_URL", FonellaClient.DEFAULT_BASE_URL);
        OrderDeskServer desk = OrderDeskServer.start(
                new OrderDeskServer.Settings(apiKey, baseUrl, publicUrl, port(), false), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(desk::close));
        System.out.println("Serving on port " + desk.port() + "; Fonella reaches it at " + publicUrl
                + ". Stop with Ctrl+C.");
    }

    private static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("PORT", "8081"));
    }
}
