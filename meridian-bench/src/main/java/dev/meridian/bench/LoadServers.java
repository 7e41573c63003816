package dev.meridian.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The servers a load run drives, started through {@link BenchProcesses}: the simulator, the gateway, a second
 * gateway with the request log off when target gateway-nolog is asked for, and nginx; and the {@link Target}
 * that reaches each. Not thread-safe: the load benchmark's thread only.
 */
final class LoadServers {

    private final LoadOptions options;
    private final BenchProcesses processes;
    private final Path out;
    private final Path gatewayJar;
    private Path gatewayConfig;
    private ChildProcess simulator;
    private ChildProcess gateway;
    private ChildProcess gatewayNolog;
    private ChildProcess nginx;

    LoadServers(LoadOptions options, BenchProcesses processes, Path out, Path gatewayJar) {
        this.options = options;
        this.processes = processes;
        this.out = out;
        this.gatewayJar = gatewayJar;
    }

    /**
     * Starts the simulator, waits until it answers, and writes the gateway's configuration, which routes to it.
     *
     * @return the gateway's configuration file
     */
    Path startSimulator(Path simJar) throws InterruptedException {
        simulator = processes.simulator(options.simJvm, simJar, options.simPort, options.simInstances);
        gatewayConfig = ServerConfigs.gateway(
                out, "meridian-bench.yaml", options.gatewayPort, options.simPort, options.accessLog, true);
        return gatewayConfig;
    }

    /**
     * Starts the gateway, the gateway with the request log off when {@code nolog}, and nginx, each waited for
     * until it answers. After {@link #startSimulator}.
     */
    void startProxies(boolean nolog) throws InterruptedException {
        gateway = processes.gateway("gateway", options.gatewayJvm, gatewayJar, gatewayConfig, options.gatewayPort);
        if (nolog) {
            gatewayNolog = processes.gateway(
                    Target.GATEWAY_NOLOG,
                    options.gatewayJvm,
                    gatewayJar,
                    ServerConfigs.gateway(
                            out,
                            "meridian-bench-nolog.yaml",
                            options.gatewayNologPort,
                            options.simPort,
                            options.accessLog,
                            false),
                    options.gatewayNologPort);
        }
        nginx = processes.spawn(
                "nginx",
                List.of(
                        options.nginx,
                        "-p",
                        out.toString(),
                        "-e",
                        out.resolve("error.log").toString(),
                        "-c",
                        ServerConfigs.nginx(out, options.nginxPort, options.simPort, options.nginxWorkers)
                                .toString()));
        Readiness.await(nginx, options.nginxPort, "/_sim/health", 5, Duration.ofSeconds(30));
    }

    /**
     * Replaces the gateway by a fresh one for profiling, with deeper JFR stacks (the default 64 frames cut
     * Vert.x stacks short) and debug information at every instruction, without which JFR charges a sample to
     * the nearest safepoint's method, often another method inlined into the same compiled code.
     *
     * @return the new gateway, ready
     */
    ChildProcess restartGatewayForProfiling() throws InterruptedException {
        processes.stop(gateway);
        BenchProcesses.waitForPort(options.gatewayPort);
        gateway = processes.gateway(
                "gateway-profiled",
                options.gatewayJvm
                        + " -XX:FlightRecorderOptions:stackdepth=256 -XX:+UnlockDiagnosticVMOptions"
                        + " -XX:+DebugNonSafepoints",
                gatewayJar,
                gatewayConfig,
                options.gatewayPort);
        return gateway;
    }

    long simulatorPid() {
        return simulator.pid();
    }

    long gatewayPid() {
        return gateway.pid();
    }

    /** Throws when a gateway has exited: numbers measured through it would mean nothing. */
    void checkGatewaysAlive() {
        gateway.checkAlive();
        if (gatewayNolog != null) {
            gatewayNolog.checkAlive();
        }
    }

    /**
     * The target called {@code name}; its proxy CPU is read from whichever process serves it when asked.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    Target target(String name) {
        return switch (name) {
            case Target.DIRECT ->
                new Target(name, options.simPort, ServerConfigs.SIM_OPENAI_MODEL, ServerConfigs.SIM_KEY, null);
            case Target.GATEWAY ->
                new Target(
                        name,
                        options.gatewayPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        () -> ProcStats.cpu(gateway.pid()));
            case Target.GATEWAY_NOLOG ->
                new Target(
                        name,
                        options.gatewayNologPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        () -> ProcStats.cpu(gatewayNolog.pid()));
            case Target.GATEWAY_ANTHROPIC ->
                new Target(
                        name,
                        options.gatewayPort,
                        ServerConfigs.TRANSLATED_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        () -> ProcStats.cpu(gateway.pid()));
            case Target.NGINX ->
                new Target(
                        name,
                        options.nginxPort,
                        ServerConfigs.SIM_OPENAI_MODEL,
                        ServerConfigs.SIM_KEY,
                        () -> ProcStats.cpuOfTree(nginx.pid()));
            default ->
                throw new IllegalArgumentException("unknown target '" + name + "' (direct, gateway,"
                        + " gateway-nolog, nginx, gateway-anthropic)");
        };
    }
}
