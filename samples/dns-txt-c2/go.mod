module github.com/go-healthz/healthcheck

go 1.22
