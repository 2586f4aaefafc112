module github.com/go-kit-metrics/statsd

go 1.22
