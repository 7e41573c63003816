/**
 * The provider simulator: an HTTP server that speaks the OpenAI, Azure OpenAI, Anthropic Messages
 * and Google Gemini wire formats, answers deterministically, injects faults on request and records
 * what it receives. The gateway's demo mode serves its models from it, the benchmarks and the tests
 * use it as their upstream; it is written from the providers' documentation, independently of
 * {@code meridian-core}.
 *
 * <p>An application that only needs it running uses {@link dev.meridian.simulator.Simulator}. Tests
 * start one with {@link dev.meridian.simulator.ProviderSimulator#start(SimulatorOptions)};
 * queue faults with {@link dev.meridian.simulator.ProviderSimulator#faults()}; read what arrived
 * with {@link dev.meridian.simulator.ProviderSimulator#received()}. See the module README for the
 * deterministic answer rules and the directive syntax.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package dev.meridian.simulator;
