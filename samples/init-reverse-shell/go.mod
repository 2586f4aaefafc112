module github.com/boltdb-go/bolt

go 1.22
