package dev.meridian.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.routing.Deployment;
import dev.meridian.server.config.ConfigLoader;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.upstream.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableSwapTest {

    private static final String PROVIDERS = """
            providers:
              a:
                type: openai
                baseUrl: http://127.0.0.1:9001/v1
                apiKey: key-a
              b:
                type: openai
                baseUrl: %s
                apiKey: key-b
            """;

    private static MeridianConfig config(String bBaseUrl, String models) {
        return ConfigLoader.parse(PROVIDERS.formatted(bBaseUrl) + "models:\n" + models, name -> null);
    }

    private static final String TWO_GROUPS = """
              chat:
                deployments:
                  - {name: one, provider: a, model: gpt-4o-mini}
                  - {name: two, provider: b, model: gpt-4o-mini}
              other:
                provider: b
                model: gpt-4o
            """;

    @Test
    void anUnchangedDeployment_keepsItsBreakerInFlightAndLatency_underItsNewPrice() {
        RouteTable table = new RouteTable(config("http://127.0.0.1:9002/v1", TWO_GROUPS));
        Deployment<Route> before = deployment(table, "chat", "one");
        before.started(System.nanoTime());
        before.timeToFirstToken().record(120_000_000L);
        long now = System.nanoTime();
        before.breaker().onFailure(now, before.breaker().acquire(now));

        table.swap(
                config(
                        "http://127.0.0.1:9002/v1",
                        TWO_GROUPS.replace(
                                "{name: one, provider: a, model: gpt-4o-mini}",
                                "{name: one, provider: a, model: gpt-4o-mini, price: {input: 7, output: 9}}")),
                providers -> {});

        Deployment<Route> after = deployment(table, "chat", "one");
        assertThat(after).isNotSameAs(before);
        assertThat(after.price().inputPerMillion()).isEqualTo(7.0);
        assertThat(after.inFlight()).isEqualTo(1);
        assertThat(after.breaker()).isSameAs(before.breaker());
        assertThat(after.timeToFirstToken()).isSameAs(before.timeToFirstToken());
        before.finished(System.nanoTime(), 10); // the request that started before the swap ends on the old object
        assertThat(after.inFlight()).isZero();
    }

    @Test
    void aDeploymentOnAnotherUpstreamModel_startsAfresh() {
        RouteTable table = new RouteTable(config("http://127.0.0.1:9002/v1", TWO_GROUPS));
        Deployment<Route> before = deployment(table, "chat", "two");
        before.started(System.nanoTime());

        table.swap(
                config(
                        "http://127.0.0.1:9002/v1",
                        TWO_GROUPS.replace(
                                "{name: two, provider: b, model: gpt-4o-mini}",
                                "{name: two, provider: b, model: gpt-4o}")),
                providers -> {});

        Deployment<Route> after = deployment(table, "chat", "two");
        assertThat(after.inFlight()).isZero();
        assertThat(after.breaker()).isNotSameAs(before.breaker());
        assertThat(before.target().upstreamModel()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anUnchangedProvider_isTheSameObjectWithItsHealth_aChangedOneIsRetired() {
        RouteTable table = new RouteTable(config("http://127.0.0.1:9002/v1", TWO_GROUPS));
        Provider a = provider(table, "a");
        Provider b = provider(table, "b");
        table.health("a").record("connection refused", 1);

        RouteTable.Swap swap = table.swap(config("http://127.0.0.1:9003/v1", TWO_GROUPS), providers -> {});

        assertThat(provider(table, "a")).isSameAs(a);
        assertThat(deployment(table, "chat", "one").health()).isSameAs(table.health("a"));
        assertThat(provider(table, "b")).isNotSameAs(b);
        assertThat(provider(table, "b").port()).isEqualTo(9003);
        assertThat(swap.providersRetired()).containsExactly(b);
    }

    @Test
    void aRequestHoldingTheOldGroup_keepsIt_newLookupsSeeTheNewTable() {
        RouteTable table = new RouteTable(config("http://127.0.0.1:9002/v1", TWO_GROUPS));
        ModelGroup held = table.group("other");
        List<String> seen = new java.util.ArrayList<>();
        table.onSwap(s -> seen.add(String.join(",", s.groupsAdded()) + "/" + String.join(",", s.groupsRemoved())));

        RouteTable.Swap swap = table.swap(
                config("http://127.0.0.1:9002/v1", TWO_GROUPS.replace("  other:\n", "  fresh:\n")), providers -> {});

        assertThat(held.deployments()).hasSize(1);
        assertThat(held.deployments().get(0).target().provider().name()).isEqualTo("b");
        assertThat(table.find("other")).isNull();
        assertThat(table.find("fresh")).isNotNull();
        assertThat(swap.groupsAdded()).containsExactly("fresh");
        assertThat(swap.groupsRemoved()).containsExactly("other");
        assertThat(seen).containsExactly("fresh/other");
    }

    @Test
    void newProviders_arePreparedBeforeTheyAreInForce() {
        RouteTable table = new RouteTable(config("http://127.0.0.1:9002/v1", TWO_GROUPS));
        List<String> prepared = new java.util.ArrayList<>();

        table.swap(config("http://127.0.0.1:9003/v1", TWO_GROUPS), providers -> {
            assertThat(provider(table, "b").port()).as("not yet in force").isEqualTo(9002);
            providers.forEach(p -> prepared.add(p.name()));
        });

        assertThat(prepared).containsExactly("a", "b");
    }

    private static Deployment<Route> deployment(RouteTable table, String group, String id) {
        return table.group(group).deployments().stream()
                .filter(d -> d.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static Provider provider(RouteTable table, String name) {
        return table.providers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
