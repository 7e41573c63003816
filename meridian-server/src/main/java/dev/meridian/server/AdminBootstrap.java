package dev.meridian.server;

import dev.meridian.server.admin.AdminService;
import dev.meridian.server.admin.AdminViews;
import dev.meridian.server.runtime.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The platform's first super-admin token, created on the first start of an empty database without an admin key. */
final class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {}

    /**
     * Without a configured admin key, the first start on an empty database creates the platform's super-admin token
     * and returns its secret for the banner (null otherwise). When the database opens only later, the token is
     * created then and printed on its own.
     */
    static String run(GatewayRuntime runtime, Vertx vertx, PrintStream console) {
        if (runtime.adminKey() != null) {
            return null;
        }
        Future<AdminService> admin = runtime.admin();
        try {
            if (admin.succeeded()) {
                return admin.result()
                        .bootstrap()
                        .map(AdminViews.IssuedKey::secret)
                        .orElse(null);
            }
        } catch (RuntimeException e) {
            LOG.error("the super-admin token could not be created", e);
            return null;
        }
        admin.onSuccess(service -> vertx.executeBlocking(service::bootstrap, false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.error("the super-admin token could not be created", ar.cause());
                    } else {
                        ar.result().ifPresent(token -> {
                            console.println(adminTokenLines(token.secret()));
                            console.flush();
                        });
                    }
                }));
        return null;
    }

    static String adminTokenLines(String secret) {
        return "  Admin API super-admin token (created on this first start, shown once; set MERIDIAN_ADMIN_KEY to"
                + " choose one):\n          " + secret + "\n";
    }
}
