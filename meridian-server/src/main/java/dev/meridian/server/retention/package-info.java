/**
 * The request log's retention job: per-tenant purges of rows and bodies, PostgreSQL's monthly partitions created
 * ahead and dropped whole, and erasures applied again to records that were in flight.
 */
package dev.meridian.server.retention;
