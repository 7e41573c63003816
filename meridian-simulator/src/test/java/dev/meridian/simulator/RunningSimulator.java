package dev.meridian.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator (defaults: port 0, any key, any model) for all tests of a class:
 * {@code @RegisterExtension static final RunningSimulator SIM = new RunningSimulator();}.
 */
final class RunningSimulator implements BeforeAllCallback, AfterAllCallback {

    private ProviderSimulator simulator;
    private SimClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = ProviderSimulator.start();
        client = new SimClient(simulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.close();
    }

    ProviderSimulator simulator() {
        return simulator;
    }

    SimClient client() {
        return client;
    }
}
