module github.com/acme-net/retrydial

go 1.22
