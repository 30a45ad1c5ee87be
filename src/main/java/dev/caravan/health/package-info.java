/**
 * Health for Kubernetes probes: Camel's health-check registry, served by camel-main's management server on the
 * HTTP server's own port ({@code /observe/health/live}, {@code /observe/health/ready}), with one readiness check per
 * upstream Caravan is configured to call.
 */
package dev.caravan.health;
