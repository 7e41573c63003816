package dev.meridian.bench;

import java.util.Map;

/**
 * One measurement window of one target: the load generator's numbers and the CPU time each process spent
 * during the window.
 *
 * @param proxyCpu the proxy's CPU (gateway process, or nginx master plus workers); zero for direct
 * @param simCpu   the simulator's CPU
 * @param loadCpu  the load generator's (this process's) CPU
 * @param proxyThreads the proxy's CPU ticks by kind of thread, when it is a JVM (a gateway); empty otherwise
 */
record Round(
        Scenario scenario,
        int connections,
        int round,
        String target,
        LoadGenerator.Result result,
        ProcStats.Cpu proxyCpu,
        ProcStats.Cpu simCpu,
        ProcStats.Cpu loadCpu,
        Map<ThreadKind, Long> proxyThreads) {}
