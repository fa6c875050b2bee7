-- wrk prints percentiles rounded to two digits with a unit; this adds one line with the exact values (µs) and the
-- error counts, which bench/run.sh reads. Only done() is defined, so wrk keeps its fast path for requests.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'FATHOM_BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,' ..
    '"max_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"http_errors":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
