package dev.meridian.core.routing;

import java.time.Duration;
import java.util.List;

/** Builds {@link Deployment}s for tests: weight 1, no price, no limits, a breaker opening on one failure. */
final class TestDeployment {

    static final BreakerPolicy OPENS_ON_FIRST_FAILURE =
            new BreakerPolicy(1, 1.0, 1, Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final String id;
    private String region;
    private int weight = 1;
    private ModelPrice price;
    private long rpm;
    private long tpm;
    private int maxInFlight;
    private ProviderHealth health = new ProviderHealth("openai", 1, 1);

    private TestDeployment(String id) {
        this.id = id;
    }

    static TestDeployment named(String id) {
        return new TestDeployment(id);
    }

    TestDeployment region(String region) {
        this.region = region;
        return this;
    }

    TestDeployment weight(int weight) {
        this.weight = weight;
        return this;
    }

    TestDeployment price(double inputPerMillion, double outputPerMillion) {
        this.price = new ModelPrice(inputPerMillion, outputPerMillion, 0);
        return this;
    }

    TestDeployment rpm(long rpm) {
        this.rpm = rpm;
        return this;
    }

    TestDeployment tpm(long tpm) {
        this.tpm = tpm;
        return this;
    }

    TestDeployment maxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        return this;
    }

    TestDeployment health(ProviderHealth health) {
        this.health = health;
        return this;
    }

    Deployment<String> build() {
        return new Deployment<>(
                id,
                "upstream-" + id,
                health.provider(),
                region,
                null,
                weight,
                price,
                rpm,
                tpm,
                maxInFlight,
                List.of(),
                OPENS_ON_FIRST_FAILURE,
                health);
    }
}
