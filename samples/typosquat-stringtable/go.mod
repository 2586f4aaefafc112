module github.com/shopsprlng/decimal

go 1.22
