module github.com/acme-codec/codec

go 1.22
