package dev.meridian.testkit.proxy;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link TargetServers} shared by a test class, and a fresh {@link LocalProxy} for each test so that
 * its records hold only that test's traffic. Register as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProxyFixture env = ProxyFixture.requiring("alice", "s3cret");
 * }</pre>
 */
final class ProxyFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final LocalProxy.Options options;
    private TargetServers targets;
    private LocalProxy proxy;

    private ProxyFixture(LocalProxy.Options options) {
        this.options = options;
    }

    /** A proxy that requires these credentials on both ports. */
    static ProxyFixture requiring(String user, String password) {
        return new ProxyFixture(LocalProxy.Options.defaults().withCredentials(user, password));
    }

    /** A proxy that requires no credentials. */
    static ProxyFixture open() {
        return new ProxyFixture(LocalProxy.Options.defaults());
    }

    TargetServers targets() {
        return targets;
    }

    LocalProxy proxy() {
        return proxy;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        targets = TargetServers.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        proxy = LocalProxy.start(options);
    }

    /** Runs after the test class's own {@code @AfterEach}, so clients it closes there go first. */
    @Override
    public void afterEach(ExtensionContext context) {
        proxy.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        targets.close();
    }
}
