package dev.meridian.store.model;

/**
 * Requests for one model whose prompt had been sent before in the same time range (same model, same prompt
 * fingerprint): the ones a response cache would have answered.
 *
 * @param repeatedRequests the requests after the first of each prompt
 * @param repeatedPrompts  how many distinct prompts were sent more than once
 * @param costUsd          what the repeats (not the first of each prompt) cost
 */
public record RepeatRow(String model, long repeatedRequests, long repeatedPrompts, double costUsd) {}
