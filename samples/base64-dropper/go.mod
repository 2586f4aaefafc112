module github.com/kelseyhlghtower/envconfig

go 1.22
