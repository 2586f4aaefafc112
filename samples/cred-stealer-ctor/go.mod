module github.com/mlnio/minio-go

go 1.22
