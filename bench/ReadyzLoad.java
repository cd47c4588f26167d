import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sends N GET requests one after the other on one keep-alive connection, after a warm-up, and prints
 * "p50 p99 max" in microseconds and the status codes seen. Usage: java ReadyzLoad.java URL N [WARMUP]
 */
public class ReadyzLoad {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < warmup; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        long[] micros = new long[n];
        int ok = 0;
        int unavailable = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            micros[i] = (System.nanoTime() - t0) / 1000;
            if (r.statusCode() == 200) {
                ok++;
            } else if (r.statusCode() == 503) {
                unavailable++;
            }
        }
        Arrays.sort(micros);
        System.out.println(micros[n / 2] + " " + micros[(int) Math.ceil(n * 0.99) - 1] + " " + micros[n - 1]
                + " " + ok + " " + unavailable);
    }
}
