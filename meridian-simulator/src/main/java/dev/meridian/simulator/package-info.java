/**
 * The provider simulator: an HTTP server that speaks the OpenAI, Azure OpenAI, Anthropic Messages
 * and Google Gemini wire formats, answers deterministically, injects faults on request and records
 * what it receives. Test and benchmark equipment for the gateway; written from the providers'
 * documentation, independently of {@code meridian-core}.
 *
 * <p>Start one with {@link dev.meridian.simulator.ProviderSimulator#start(SimulatorOptions)};
 * queue faults with {@link dev.meridian.simulator.ProviderSimulator#faults()}; read what arrived
 * with {@link dev.meridian.simulator.ProviderSimulator#received()}. See the module README for the
 * deterministic answer rules and the directive syntax.
 *
 * <p>Everything in this package is non-null unless documented otherwise.
 */
package dev.meridian.simulator;
