package dev.meridian.server.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bench/cluster.sh}: the {@link Cluster} of the tests, for a human. Arguments: the number of replicas
 * (default 3) and the gateway jar (default {@code meridian-server/target/meridian.jar}). Prints the balancer's URL
 * and runs until Ctrl-C, which stops nginx, the replicas and the simulator, and drops the schema and Redis keys.
 */
public final class ClusterMain {

    private ClusterMain() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path jar = Path.of(args.length > 1 ? args[1] : "meridian-server/target/meridian.jar")
                .toAbsolutePath();
        Path root = Files.createTempDirectory("meridian-cluster-");
        Cluster cluster = Cluster.start(root, size, jar);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the cluster");
            try {
                cluster.close();
            } catch (Exception | AssertionError e) {
                System.err.println("stopping the cluster: " + e);
            }
            stopped.countDown();
        }));
        String url = cluster.balancer().baseUrl();
        System.out.println("balancer:  " + url + "   (nginx, round robin over the replicas)");
        for (Replica r : cluster.replicas()) {
            System.out.println("replica " + r.index() + ": " + r.baseUrl() + "   (MERIDIAN_HOME "
                    + root.resolve("replica-" + r.index()) + ")");
        }
        System.out.println("storage:   PostgreSQL 127.0.0.1:5432, database test, schema " + cluster.schema());
        System.out.println(
                "admin key: " + cluster.adminKey() + "   models: priced ($0.001 a call at max_tokens 1), cheap");
        System.out.println("try:       curl -s -H 'authorization: Bearer " + cluster.adminKey()
                + "' -H 'content-type: application/json' -d" + " '{\"name\":\"acme\",\"plan\":\"enterprise\"}' " + url
                + "/admin/v1/tenants");
        System.out.println("Ctrl-C stops everything.");
        stopped.await();
    }
}
