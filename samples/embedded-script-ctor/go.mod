module github.com/pressly/gooose/v3

go 1.21
