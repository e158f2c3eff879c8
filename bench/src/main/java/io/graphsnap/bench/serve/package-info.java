/**
 * Benchmarks of {@code graphsnap serve} and {@code graphsnap watch}, run against a real server process as a
 * user would: {@link io.graphsnap.bench.serve.HttpLoad}, a bounded load generator of keep-alive clients on
 * loopback (latency percentiles and throughput per endpoint), and {@link io.graphsnap.bench.serve.WatchLatency},
 * the time from saving a source file to the server answering with the change. Commands in {@code bench/README.md}.
 */
package io.graphsnap.bench.serve;
