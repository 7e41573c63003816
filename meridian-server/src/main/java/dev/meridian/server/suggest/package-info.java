/**
 * Cost suggestions computed from a tenant's request log and the running gateway's prices: a cheaper tier for small
 * tasks, a response cache for repeated prompts, and the cheapest healthy deployment of a group. Pure computation:
 * the admin API reads the log and the route table and hands both in.
 */
package dev.meridian.server.suggest;
