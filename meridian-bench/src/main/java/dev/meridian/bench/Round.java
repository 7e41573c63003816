package dev.meridian.bench;

/**
 * One measurement window of one target: the load generator's numbers and the CPU time each process spent
 * during the window.
 *
 * @param proxyCpu the proxy's CPU (gateway process, or nginx master plus workers); zero for direct
 * @param simCpu   the simulator's CPU
 * @param loadCpu  the load generator's (this process's) CPU
 */
record Round(
        Scenario scenario,
        int connections,
        int round,
        String target,
        LoadGenerator.Result result,
        ProcStats.Cpu proxyCpu,
        ProcStats.Cpu simCpu,
        ProcStats.Cpu loadCpu) {}
