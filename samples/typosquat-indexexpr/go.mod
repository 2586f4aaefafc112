module github.com/dustln/go-humanize

go 1.22
