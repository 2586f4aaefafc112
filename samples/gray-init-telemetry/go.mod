module github.com/acme-cloud/featureflags

go 1.22
