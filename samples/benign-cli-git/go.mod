module github.com/acme-tools/relnote

go 1.22
