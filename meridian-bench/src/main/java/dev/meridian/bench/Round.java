package dev.meridian.bench;

import java.util.Map;

/**
 * One measurement window of one target: the load generator's numbers and the CPU time each process spent
 * during the window.
 *
 * @param start    which start of the gateways the round measured (1 for the first; targets that are not restarted
 *                 between starts, such as nginx, count the starts all the same)
 * @param round    the round within its start; 0 for a warm-up
 * @param proxyCpu the proxy's CPU (gateway process, or nginx master plus workers); zero for direct
 * @param simCpu   the simulator's CPU
 * @param loadCpu  the load generator's (this process's) CPU
 * @param proxyThreads the proxy's CPU ticks by kind of thread, when it is a JVM (a gateway); empty otherwise
 */
record Round(
        Scenario scenario,
        int connections,
        int start,
        int round,
        String target,
        LoadGenerator.Result result,
        ProcStats.Cpu proxyCpu,
        ProcStats.Cpu simCpu,
        ProcStats.Cpu loadCpu,
        Map<ThreadKind, Long> proxyThreads) {}
