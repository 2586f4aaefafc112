module github.com/acme-crypto/tinyaes

go 1.22
