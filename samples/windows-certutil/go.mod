module github.com/matn/go-isatty

go 1.22
