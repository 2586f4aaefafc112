module github.com/ricochet22OO/go-disk-usage

go 1.22
