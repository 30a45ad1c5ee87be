/**
 * What each HTTP request did, observed once at the edge: a {@link dev.caravan.observe.RequestObserver} on the Vert.x
 * router sees every request (including the ones refused before any route: a wrong key, an unknown path), a route
 * policy adds what only the exchange knows (provider, operation, ids, an upstream failure), and when the response
 * ends one JSON log line ({@link dev.caravan.observe.RequestLog}) and the Prometheus meters
 * ({@link dev.caravan.observe.RequestMetrics}) are written from the same record.
 */
package dev.caravan.observe;
